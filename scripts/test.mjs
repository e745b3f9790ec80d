#!/usr/bin/env node
// `npm test`: everything CI checks, in order, stopping at the first failure.
// lint + format → types → dependency rules → unit, API on PGlite and on PostgreSQL, CLI, browser.
import { spawnSync } from 'node:child_process'

const steps = [
  ['lint and format (biome)', 'npx', ['biome', 'check', '.']],
  ['types (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json']],
  [
    'dependency rules (dependency-cruiser)',
    'npx',
    ['depcruise', 'src', '--config', '.dependency-cruiser.cjs'],
  ],
  [
    'tests (vitest: unit, api:embedded, api:postgres, integration, e2e)',
    'npx',
    ['vitest', 'run', ...process.argv.slice(2)],
  ],
]

for (const [name, cmd, args] of steps) {
  process.stdout.write(`\n▶ ${name}\n`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  if (r.status !== 0) {
    process.stdout.write(`\n✖ ${name} failed after ${secs}s\n`)
    process.exit(r.status ?? 1)
  }
  process.stdout.write(`✔ ${name} (${secs}s)\n`)
}
