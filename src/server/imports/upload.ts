import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { FastifyReply } from 'fastify'
import { DomainError } from '../../domain/errors.ts'

/** An upload that sends nothing for this long is given up (a client that vanished without closing). */
export const UPLOAD_IDLE_MS = 30_000

/** Ends the stream with an error when no byte arrives for `ms`. */
export const idleTimeout = (ms: number) => {
  let timer: NodeJS.Timeout | undefined
  const t: Transform = new Transform({
    transform(chunk, _enc, cb) {
      arm()
      cb(null, chunk)
    },
    flush(cb) {
      clearTimeout(timer)
      cb()
    },
    destroy(err, cb) {
      clearTimeout(timer)
      cb(err)
    },
  })
  const arm = () => {
    clearTimeout(timer)
    timer = setTimeout(
      () =>
        t.destroy(
          new DomainError(
            'invalid_input',
            `The upload stopped: nothing arrived for ${Math.round(ms / 1000)} s. Nothing was imported; send the file again.`,
          ),
        ),
      ms,
    )
  }
  arm()
  return t
}

/** A received upload, whole, in a private temporary file: the import reads it from there. */
export interface Spooled {
  path: string
  bytes: number
  open: () => Readable
  remove: () => Promise<void>
}

/**
 * Receives an upload whole before any transaction opens. A client that is cut off, or goes quiet,
 * mid-body then costs a temporary file, never a database connection: on the embedded database one
 * held transaction would stop every other request, on PostgreSQL it would sit idle in transaction.
 */
export const spoolUpload = async (body: Readable, idleMs = UPLOAD_IDLE_MS): Promise<Spooled> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'dazzle-upload-'))
  const file = path.join(dir, 'upload.csv')
  const remove = () => rm(dir, { recursive: true, force: true })
  let bytes = 0
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length
      cb(null, chunk)
    },
  })
  try {
    await pipeline(body, idleTimeout(idleMs), count, createWriteStream(file, { mode: 0o600 }))
  } catch (e) {
    await remove()
    if (e instanceof DomainError) throw e
    throw new DomainError(
      'invalid_input',
      'The upload was cut off before the end of the file. Nothing was imported; send the file again.',
      undefined,
      e,
    )
  }
  return { path: file, bytes, open: () => createReadStream(file), remove }
}

/**
 * Aborts when the client goes away before its answer is sent (Ctrl-C on the CLI, a closed tab):
 * the work it asked for is rolled back instead of holding the database for no one.
 */
export const clientGone = (reply: FastifyReply): AbortSignal => {
  const ac = new AbortController()
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ac.abort(new Error('the client went away before the answer'))
  })
  return ac.signal
}
