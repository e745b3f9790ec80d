import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '../..')
const STAMP = path.join(ROOT, 'dist/web/index.html')
const SOURCES = ['src/web', 'src/schemas', 'src/domain', 'vite.config.ts', 'package-lock.json']

const newest = (p: string): number => {
  if (!existsSync(p)) return 0
  const st = statSync(p)
  if (!st.isDirectory()) return st.mtimeMs
  return Math.max(0, ...readdirSync(p).map((e) => newest(path.join(p, e))))
}

/** The web build is stale when it is missing or older than anything it is built from. */
export const webBuildIsStale = () => {
  if (!existsSync(STAMP)) return true
  const built = statSync(STAMP).mtimeMs
  return SOURCES.some((s) => newest(path.join(ROOT, s)) > built)
}

/**
 * A production build whoever asks for it: Vite takes the caller's NODE_ENV for the code it ships, so
 * a build started under a test runner (NODE_ENV=test) or a shell with NODE_ENV=development would
 * serve React's development bundle, about a quarter heavier and slower.
 */
export const buildWeb = async () => {
  const { build } = await import('vite')
  const given = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), mode: 'production', logLevel: 'warn' })
  } finally {
    if (given === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = given
  }
}
