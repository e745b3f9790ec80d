import { DomainError } from '../errors.ts'

/**
 * How a text file of rows is written: its encoding and what separates its columns. Files come as
 * people have them (a European spreadsheet's semicolons, a 1990s log's runs of spaces, a
 * UTF-16 export with a BOM, an old Windows file in Windows-1252), so both are read from the first
 * bytes unless the person says.
 */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const
export type Encoding = (typeof ENCODINGS)[number]
export const DELIMITERS = [',', ';', '\t', '|', 'spaces'] as const
export type Delimiter = (typeof DELIMITERS)[number]

export interface Dialect {
  encoding: Encoding
  delimiter: Delimiter
}

/** How a person names an encoding (option, wizard) → the one it is, or a message saying what to use. */
export const encodingFromName = (name: string): Encoding => {
  const n = name.trim().toLowerCase().replace(/[\s_]/g, '-')
  const known: Record<string, Encoding> = {
    'utf-8': 'utf-8',
    utf8: 'utf-8',
    'utf-16': 'utf-16le',
    utf16: 'utf-16le',
    'utf-16le': 'utf-16le',
    'utf-16-le': 'utf-16le',
    'utf-16be': 'utf-16be',
    'utf-16-be': 'utf-16be',
    'windows-1252': 'windows-1252',
    cp1252: 'windows-1252',
    'latin-1': 'windows-1252',
    latin1: 'windows-1252',
    'iso-8859-1': 'windows-1252',
    ansi: 'windows-1252',
  }
  const e = known[n]
  if (!e) {
    throw new DomainError(
      'invalid_input',
      `"${name}" is not an encoding Dazzle reads: use utf-8, utf-16le, utf-16be or windows-1252 (also called Latin-1).`,
    )
  }
  return e
}

/** How a person names a delimiter → the one it is. */
export const delimiterFromName = (name: string): Delimiter => {
  const known: Record<string, Delimiter> = {
    ',': ',',
    comma: ',',
    ';': ';',
    semicolon: ';',
    '\t': '\t',
    '\\t': '\t',
    tab: '\t',
    '|': '|',
    pipe: '|',
    ' ': 'spaces',
    space: 'spaces',
    spaces: 'spaces',
    whitespace: 'spaces',
  }
  const d = known[name] ?? known[name.trim().toLowerCase()]
  if (!d) {
    throw new DomainError(
      'invalid_input',
      `"${name}" is not a delimiter Dazzle reads: use comma, semicolon, tab, pipe or spaces.`,
    )
  }
  return d
}

/** The delimiter as a sentence says it: "columns separated by semicolons". */
export const delimiterWords = (d: Delimiter) =>
  ({ ',': 'commas', ';': 'semicolons', '\t': 'tabs', '|': 'pipes (|)', spaces: 'runs of spaces' })[d]

export const encodingWords = (e: Encoding) =>
  ({
    'utf-8': 'UTF-8',
    'utf-16le': 'UTF-16 (little-endian)',
    'utf-16be': 'UTF-16 (big-endian)',
    'windows-1252': 'Windows-1252 (Latin-1)',
  })[e]

/** Kinds of files people send by mistake, by their first bytes, and what to do instead. */
const NOT_TEXT: Array<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'an Excel workbook or another zip file: open it and save the sheet as CSV'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel (.xls) workbook: open it and save the sheet as CSV'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF: export the data from where it came as CSV'],
  [[0x1f, 0x8b], 'compressed (gzip): unpack it first'],
]

const startsWith = (head: Uint8Array, magic: number[]) => magic.every((b, i) => head[i] === b)

/**
 * The encoding of a file from its first bytes: a BOM says it (UTF-8, UTF-16 LE/BE); otherwise
 * bytes that are valid UTF-8 are UTF-8, and any other text is Windows-1252 (what Excel on Windows
 * and older systems write; Latin-1 is its subset). Bytes that are not text (NUL bytes, a
 * workbook, a PDF) are refused with what to do. `complete` says the head is the whole file (its
 * last character is not cut).
 */
export const sniffEncoding = (
  head: Uint8Array,
  fileName: string,
  complete: boolean,
): { encoding: Encoding; bom: boolean } => {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bom: true }
  if (startsWith(head, [0xff, 0xfe])) return { encoding: 'utf-16le', bom: true }
  if (startsWith(head, [0xfe, 0xff])) return { encoding: 'utf-16be', bom: true }
  for (const [magic, what] of NOT_TEXT) {
    if (startsWith(head, magic)) {
      throw new DomainError('invalid_input', `${fileName} is not a text file: it looks like ${what}.`)
    }
  }
  const nul = head.indexOf(0)
  if (nul >= 0) {
    // UTF-16 without a BOM has a NUL in every other byte of plain text
    let even = 0
    let odd = 0
    const n = Math.min(head.length, 4096)
    for (let i = 0; i < n; i++) if (head[i] === 0) i % 2 ? odd++ : even++
    if (odd > n / 4 && even === 0) return { encoding: 'utf-16le', bom: false }
    if (even > n / 4 && odd === 0) return { encoding: 'utf-16be', bom: false }
  }
  // text has few control bytes beyond tab and line ends; a stray NUL in a cell is the row's problem
  let control = 0
  for (const b of head) if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) control++
  if (control > Math.max(1, head.length * 0.02)) {
    const first =
      nul >= 0 ? nul : head.findIndex((b) => b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13)
    throw new DomainError(
      'invalid_input',
      `${fileName} is not a text file (byte ${first + 1} is a ${nul >= 0 ? 'NUL' : 'control character'}, which text never has): export the purchases as CSV or text and import that.`,
    )
  }
  return { encoding: isUtf8(head, complete) ? 'utf-8' : 'windows-1252', bom: false }
}

/** Whether the bytes are valid UTF-8 (a sequence cut at the end of an incomplete head is allowed). */
const isUtf8 = (b: Uint8Array, complete: boolean) => {
  let i = 0
  while (i < b.length) {
    const c = b[i]!
    const n =
      c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1
    if (n < 0) return false
    if (i + n >= b.length) return !complete || i + n < b.length
    for (let k = 1; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return false
    i += n + 1
  }
  return true
}

/** Cells of one line split by a delimiter, ignoring delimiters inside double quotes. */
const countOutsideQuotes = (line: string, d: string) => {
  let n = 0
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (ch === d && !quoted) n++
  }
  return n
}

/** A line of a whitespace-separated file as its cells. */
export const splitOnSpaces = (line: string): string[] => {
  const t = line.trim()
  return t ? t.split(/[ \t]+/) : ['']
}

/**
 * The delimiter of a file from its first lines (header first): the one that splits the header
 * into two or more columns and every sampled line into the same number (most lines, for a
 * sample with a stray line); the most columns wins. Runs of spaces are the last resort (fixed
 * width logs); a file none of them splits has one column (the caller says what that means).
 */
export const sniffDelimiter = (lines: readonly string[]): Delimiter => {
  const sample = lines.filter((l) => l.trim() !== '').slice(0, 50)
  if (!sample.length) return ','
  let best: { d: Delimiter; n: number } | null = null
  for (const d of [',', ';', '\t', '|'] as const) {
    const n = countOutsideQuotes(sample[0]!, d)
    if (n < 1) continue
    const same = sample.filter((l) => countOutsideQuotes(l, d) === n).length
    // quoted cells over several lines make some sampled lines look short: most is enough
    if (same < Math.max(1, Math.ceil(sample.length * 0.8))) continue
    if (!best || n > best.n) best = { d, n }
  }
  if (best) return best.d
  // a header no delimiter splits, but spaces do: a whitespace-separated log (ragged rows are then reported by row)
  const n = splitOnSpaces(sample[0]!).length
  if (n > 1 && !/[,;\t|]/.test(sample[0]!)) return 'spaces'
  // no consistent split: the delimiter that splits the header most (ragged rows are then reported by row)
  let loose: { d: Delimiter; n: number } | null = null
  for (const d of [',', ';', '\t', '|'] as const) {
    const k = countOutsideQuotes(sample[0]!, d)
    if (k >= 1 && (!loose || k > loose.n)) loose = { d, n: k }
  }
  return loose ? loose.d : ','
}
