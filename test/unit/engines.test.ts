import { readFileSync } from 'node:fs'
import path from 'node:path'
import semver from 'semver'
import { expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const read = (f: string) => JSON.parse(readFileSync(path.join(root, f), 'utf8'))

it('installs nothing that wants a newer Node than the one package.json promises', () => {
  const promised = semver.minVersion(read('package.json').engines.node)!.version
  const lock = read('package-lock.json') as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>
  }
  const wantsNewer = Object.entries(lock.packages)
    .filter(([, p]) => {
      const node = Array.isArray(p.engines) ? undefined : p.engines?.node
      return node && !semver.satisfies(promised, node)
    })
    .map(([name, p]) => `${name.replace(/^.*node_modules\//, '')}@${p.version}`)
  // what `npm ci` would print as EBADENGINE on Node ${promised}
  expect(wantsNewer).toEqual([])
})
