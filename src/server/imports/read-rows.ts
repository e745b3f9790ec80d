import { Readable, Transform } from 'node:stream'
import { parse } from 'csv-parse'
import { parse as parseSync } from 'csv-parse/sync'
import {
  type Delimiter,
  type Dialect,
  type Encoding,
  sniffDelimiter,
  sniffEncoding,
  splitOnSpaces,
} from '../../domain/customers/file-dialect.ts'
import { parsedFrom } from './import-kit.ts'

/** How much of a file is read to tell its encoding and delimiter, and its first rows. */
export const SNIFF_BYTES = 256 * 1024

/** The first bytes of a stream, and a stream that gives them again followed by the rest. */
export const peek = async (
  stream: Readable,
  bytes: number,
): Promise<{ head: Buffer; complete: boolean; stream: Readable }> => {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>
  const chunks: Buffer[] = []
  let size = 0
  let complete = false
  while (size < bytes) {
    const next = await it.next()
    if (next.done) {
      complete = true
      break
    }
    const b = typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    chunks.push(b)
    size += b.length
  }
  const head = Buffer.concat(chunks)
  async function* replay() {
    yield head
    if (complete) return
    for (;;) {
      const next = await it.next()
      if (next.done) return
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value
    }
  }
  const again = Readable.from(replay(), { objectMode: false })
  // the original stream destroyed (the client went away) ends this one too
  stream.once('error', (e) => again.destroy(e))
  return { head: head.subarray(0, Math.min(head.length, bytes)), complete, stream: again }
}

/** Bytes in `encoding` → UTF-8 bytes (a character cut between chunks is carried over). */
const toUtf8 = (encoding: Encoding) => {
  const decoder = new TextDecoder(encoding)
  return new Transform({
    transform(chunk: Buffer, _e, cb) {
      cb(null, Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8'))
    },
    flush(cb) {
      cb(null, Buffer.from(decoder.decode(), 'utf8'))
    },
  })
}

/** The text of a file's head, decoded (BOM dropped), with a last line cut off unless it is the whole file. */
const headText = (head: Buffer, encoding: Encoding, complete: boolean) => {
  let text = new TextDecoder(encoding).decode(head)
  if (!complete) {
    const cut = text.lastIndexOf('\n')
    if (cut > 0) text = text.slice(0, cut + 1)
  }
  return text
}

/** The records of a head text, header first (the import's first rows, the preview's sample). */
export const recordsOfText = (text: string, delimiter: Delimiter): string[][] => {
  if (delimiter === 'spaces') {
    return text
      .split(/\r?\n/)
      .filter((l, i, all) => l.trim() !== '' || i < all.length - 1)
      .map(splitOnSpaces)
  }
  return parseSync(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
  }) as string[][]
}

export interface OpenedFile {
  dialect: Dialect
  /** the file whole, from its first byte */
  stream: Readable
  /** its first records (header first), as far as the head reaches */
  sample: string[][]
}

/**
 * A file's encoding and delimiter, from its first 256 KB unless the person chose them, and its
 * first records. Refuses bytes that are not text.
 */
export const openFile = async (
  source: Readable,
  name: string,
  chosen: { encoding?: Encoding | undefined; delimiter?: Delimiter | undefined; complete?: boolean },
): Promise<OpenedFile> => {
  const peeked = await peek(source, SNIFF_BYTES)
  const { head, stream } = peeked
  // a preview's sample is a cut file unless its sender says it is whole
  const complete = chosen.complete ?? peeked.complete
  const sniffed = sniffEncoding(head, name, complete)
  const encoding = chosen.encoding ?? sniffed.encoding
  const text = headText(head, encoding, complete)
  const delimiter = chosen.delimiter ?? sniffDelimiter(text.split(/\r?\n/).slice(0, 60))
  return { dialect: { encoding, delimiter }, stream, sample: recordsOfText(text, delimiter) }
}

/**
 * The file's records as they stream in, a blank line as `['']` (so that it counts as a row),
 * decoded from its encoding and split by its delimiter (csv-parse for delimited files: quotes,
 * cells over several lines; runs of spaces line by line). `onBytes` hears each chunk's size.
 */
export const recordsOf = (
  stream: Readable,
  dialect: Dialect,
  onBytes: (n: number) => void,
): AsyncIterable<string[]> => {
  const counter = new Transform({
    transform(chunk: Buffer, _e, cb) {
      onBytes(chunk.length)
      cb(null, chunk)
    },
  })
  const utf8 = dialect.encoding === 'utf-8' ? stream : stream.pipe(toUtf8(dialect.encoding))
  if (dialect.encoding !== 'utf-8') stream.once('error', (e) => utf8.destroy(e))
  if (dialect.delimiter === 'spaces')
    return spaceRecords(parsedFrom(utf8, counter, new Transform({ transform: (c, _e, cb) => cb(null, c) })))
  return parsedFrom(
    utf8,
    counter,
    parse({
      bom: true,
      delimiter: dialect.delimiter,
      skip_empty_lines: false,
      relax_column_count: true,
      encoding: 'utf8',
    }),
  ) as AsyncIterable<string[]>
}

/** Lines split on runs of spaces; a trailing line without its line end counts. */
async function* spaceRecords(text: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8')
  let rest = ''
  let first = true
  for await (const chunk of text) {
    rest += decoder.decode(chunk, { stream: true })
    if (first && rest.charCodeAt(0) === 0xfeff) rest = rest.slice(1)
    first = false
    let at = rest.indexOf('\n')
    let from = 0
    while (at >= 0) {
      yield splitOnSpaces(rest.slice(from, at))
      from = at + 1
      at = rest.indexOf('\n', from)
    }
    rest = rest.slice(from)
  }
  rest += decoder.decode()
  if (rest.trim() !== '') yield splitOnSpaces(rest)
}
