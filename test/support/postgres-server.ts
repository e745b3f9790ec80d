import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'

/** Finds Debian's PostgreSQL server binaries (apt-get install postgresql). */
export const findPostgresBin = (): string | null => {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return null
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] ? path.join(base, versions[0], 'bin') : null
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
    s.on('error', reject)
  })

export interface PostgresServer {
  url: string
  stop(): Promise<void>
}

/** A throwaway PostgreSQL server on a loopback port, in a temp folder, gone after stop(). */
export const startPostgres = async (): Promise<PostgresServer> => {
  const bin = findPostgresBin()
  if (!bin) {
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql: run `apt-get install -y postgresql`.',
    )
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dazzle-pg-'))
  chmodSync(dir, 0o777)
  const data = path.join(dir, 'data')
  // initdb refuses to run as root: run the server as the postgres system user then.
  const asRoot = process.getuid?.() === 0
  const wrap = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]
  const [initCmd, initArgs] = wrap(path.join(bin, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ])
  execFileSync(initCmd, initArgs, { stdio: 'pipe' })
  const port = await freePort()
  const [cmd, args] = wrap(path.join(bin, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    dir,
    '-h',
    '127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
  ])
  const proc: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  proc.stderr?.on('data', (d) => {
    log += d
  })
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  const deadline = Date.now() + 30_000
  for (;;) {
    const c = new pg.Client({ connectionString: url })
    try {
      await c.connect()
      await c.end()
      break
    } catch (e) {
      await c.end().catch(() => undefined)
      if (Date.now() > deadline || proc.exitCode !== null)
        throw new Error(`PostgreSQL did not start: ${log}`, { cause: e })
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return {
    url,
    async stop() {
      // signal the postmaster itself: runuser does not pass signals on to the server it started
      const exited = new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)))
      try {
        const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
        process.kill(pid, 'SIGINT')
      } catch {
        proc.kill('SIGINT')
      }
      const timer = setTimeout(() => {
        try {
          const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0])
          process.kill(pid, 'SIGKILL')
        } catch {}
        proc.kill('SIGKILL')
      }, 10_000)
      await exited
      clearTimeout(timer)
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A fresh, empty database on the server, for one test file. */
export const createDatabase = async (serverUrl: string): Promise<string> => {
  const name = `t_${Math.random().toString(36).slice(2, 10)}`
  const c = new pg.Client({ connectionString: serverUrl })
  await c.connect()
  await c.query(`create database ${name}`)
  await c.end()
  return serverUrl.replace(/\/postgres$/, `/${name}`)
}
