import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { openDatabase } from '../db/connection.ts'
import type { AppConfig } from '../server/config.ts'
import { acquireLock, readLock } from '../server/data-folder-lock.ts'
import { CLI_SECRET_HEADER } from '../server/routes/cli-bridge.routes.ts'

/**
 * `dazzle backup FILE` and `dazzle restore FILE`, with the engines' own tools: PGlite's dump of its
 * data folder (a gzipped tar; through the running server when it holds the folder), pg_dump and
 * pg_restore (custom format) on PostgreSQL. A restore goes into an empty folder or database only:
 * it never mixes a backup with data that is already there.
 */

/** pg_dump's custom format starts so; PGlite's dump is a gzip stream */
const PG_MAGIC = 'PGDMP'
const GZIP_MAGIC = [0x1f, 0x8b]

/** Debian's client binaries: the newest PostgreSQL's, else those on the PATH. */
const pgTool = (name: 'pg_dump' | 'pg_restore'): string => {
  const base = '/usr/lib/postgresql'
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => existsSync(path.join(base, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a))
    if (versions[0]) return path.join(base, versions[0], 'bin', name)
  }
  return name
}

const run = (cmd: string, args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    p.stderr.on('data', (d) => {
      err += d
    })
    p.on('error', (e) =>
      reject(
        new Error(`${path.basename(cmd)} could not be started (${e.message}): install postgresql-client.`),
      ),
    )
    p.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(cmd)} failed: ${err.trim().split('\n').at(-1)}`)),
    )
  })

const sizeOf = (bytes: number) =>
  bytes > 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`

export const backup = async (config: AppConfig, file: string): Promise<string> => {
  if (config.databaseUrl) {
    await run(pgTool('pg_dump'), ['--format=custom', '--no-owner', `--file=${file}`, config.databaseUrl])
    return `Backed up the PostgreSQL database to ${file} (${sizeOf((await readFile(file)).length)}, pg_dump custom format).`
  }
  const holder = readLock(config.dataDir)
  let bytes: Buffer
  if (holder?.kind === 'server' && holder.port && holder.secret) {
    // the server holds the folder: it dumps its own open instance
    const res = await fetch(`http://127.0.0.1:${holder.port}/api/_cli/backup`, {
      headers: { [CLI_SECRET_HEADER]: holder.secret },
    }).catch((e) => {
      throw new Error(
        `The Dazzle server (pid ${holder.pid}) holds ${config.dataDir} but does not answer on port ${holder.port}: ${e.message}`,
      )
    })
    if (!res.ok) throw new Error(`The server refused the backup (${res.status}).`)
    bytes = Buffer.from(await res.arrayBuffer())
  } else {
    if (!existsSync(path.join(config.dataDir, 'PG_VERSION')))
      throw new Error(`There is no Dazzle database in ${config.dataDir} to back up (set DAZZLE_DATA_DIR).`)
    const lock = acquireLock(config.dataDir, { kind: 'cli', command: 'backup' })
    try {
      const database = await openDatabase({ dataDir: config.dataDir })
      try {
        if (database.listenVia.mode !== 'embedded') throw new Error('not the embedded database')
        bytes = Buffer.from(await (await database.listenVia.pglite.dumpDataDir('gzip')).arrayBuffer())
      } finally {
        await database.close()
      }
    } finally {
      lock.release()
    }
  }
  await writeFile(file, bytes)
  return `Backed up ${config.dataDir} to ${file} (${sizeOf(bytes.length)}, PGlite data folder).`
}

export const restore = async (config: AppConfig, file: string): Promise<string> => {
  let head: Buffer
  try {
    head = (await readFile(file)).subarray(0, 8)
  } catch (e) {
    throw new Error(`${file} cannot be read: ${(e as Error).message}`)
  }
  const isPg = head.subarray(0, 5).toString('latin1') === PG_MAGIC
  const isPglite = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]
  if (!isPg && !isPglite)
    throw new Error(`${file} is not a Dazzle backup (neither pg_dump's format nor a PGlite dump).`)
  if (config.databaseUrl) {
    if (!isPg)
      throw new Error(
        `${file} is a backup of an embedded database: restore it with DAZZLE_DATA_DIR, not DATABASE_URL.`,
      )
    const client = new pg.Client({ connectionString: config.databaseUrl })
    await client.connect()
    try {
      const r = await client.query(`select count(*)::int as n from pg_tables where schemaname = 'public'`)
      if (r.rows[0].n > 0)
        throw new Error(
          'That database is not empty: restore into a new, empty database (createdb), then point DATABASE_URL at it.',
        )
    } finally {
      await client.end()
    }
    await run(pgTool('pg_restore'), ['--no-owner', '--exit-on-error', `--dbname=${config.databaseUrl}`, file])
    return `Restored ${file} into the PostgreSQL database.`
  }
  if (!isPglite)
    throw new Error(`${file} is a pg_dump backup: restore it with DATABASE_URL set to an empty database.`)
  const holder = readLock(config.dataDir)
  if (holder)
    throw new Error(
      `${holder.kind === 'server' ? 'The Dazzle server' : 'Another dazzle command'} (pid ${holder.pid}) holds ${config.dataDir}: stop it, or restore into another folder.`,
    )
  if (existsSync(config.dataDir) && readdirSync(config.dataDir).some((f) => f !== 'dazzle.lock'))
    throw new Error(`${config.dataDir} is not empty: restore into a new folder (set DAZZLE_DATA_DIR to it).`)
  const lock = acquireLock(config.dataDir, { kind: 'cli', command: 'restore' })
  try {
    const blob = new Blob([await readFile(file)])
    const database = await openDatabase({ dataDir: config.dataDir, loadDataDir: blob })
    await database.close()
  } finally {
    lock.release()
  }
  return `Restored ${file} into ${config.dataDir}.`
}
