import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { DomainError } from '../domain/errors.ts'

/**
 * Only one process may open an embedded (PGlite) data folder: a second one would corrupt it.
 * The holder writes dazzle.lock (mode 0600). A running server also writes its port and a secret
 * there, so a CLI command can go through it instead of opening the folder.
 */
export interface LockInfo {
  pid: number
  kind: 'server' | 'cli'
  command: string
  port?: number
  secret?: string
  startedAt: string
}

const lockPath = (dataDir: string) => path.join(dataDir, 'dazzle.lock')

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The live holder of the folder, if any (a lock left by a killed process is ignored). */
export const readLock = (dataDir: string): LockInfo | null => {
  try {
    const info = JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo
    return info.pid !== process.pid && alive(info.pid) ? info : null
  } catch {
    return null
  }
}

export const acquireLock = (dataDir: string, info: Omit<LockInfo, 'pid' | 'startedAt' | 'secret'>) => {
  mkdirSync(dataDir, { recursive: true })
  const full: LockInfo = {
    ...info,
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ...(info.kind === 'server' ? { secret: randomBytes(24).toString('base64url') } : {}),
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath(dataDir), JSON.stringify(full), { flag: 'wx', mode: 0o600 })
      const release = () => {
        try {
          if ((JSON.parse(readFileSync(lockPath(dataDir), 'utf8')) as LockInfo).pid === process.pid) {
            unlinkSync(lockPath(dataDir))
          }
        } catch {}
      }
      process.once('exit', release)
      return { info: full, release }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const holder = readLock(dataDir)
      if (holder) throw inUse(dataDir, holder)
      // stale: its process is gone
      try {
        unlinkSync(lockPath(dataDir))
      } catch {}
    }
  }
  throw new DomainError('data_folder_in_use', `Could not lock the data folder ${dataDir}; try again.`)
}

/** Lets a server record its port once it is listening. */
export const updateLock = (dataDir: string, info: LockInfo) =>
  writeFileSync(lockPath(dataDir), JSON.stringify(info), { mode: 0o600 })

export const inUse = (dataDir: string, holder: LockInfo) =>
  new DomainError(
    'data_folder_in_use',
    holder.kind === 'server'
      ? `The data folder ${dataDir} is in use by a Dazzle server (pid ${holder.pid}) that is still starting; try again in a moment.`
      : `The data folder ${dataDir} is in use by "dazzle ${holder.command}" (pid ${holder.pid}); wait for it to finish, then try again.`,
    { pid: holder.pid, kind: holder.kind },
  )
