#!/usr/bin/env node
// Regenerates test/data from ../shared/data: the real data the tests and the bench read, gzipped so
// that a fresh clone has it (`npm test` needs nothing beside the repository). Rows are unchanged;
// each folder's SOURCE.txt (origin, licence, quirks) is copied beside its files.
//   node scripts/refresh-test-data.mjs [path/to/shared/data]
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { constants, createGzip } from 'node:zlib'

const root = path.resolve(import.meta.dirname, '..')
const from = path.resolve(process.argv[2] ?? path.join(root, '../shared/data'))
const to = path.join(root, 'test/data')

/** folder → the CSV files of it the tests and the bench read */
const SETS = {
  'online-retail': (f) => /^\d{4}-\d{2}\.csv$/.test(f),
  'cfpb-complaints': (f) => f === 'complaints_sample.csv',
}

for (const [folder, wanted] of Object.entries(SETS)) {
  const src = path.join(from, folder)
  const dst = path.join(to, folder)
  rmSync(dst, { recursive: true, force: true })
  mkdirSync(dst, { recursive: true })
  // read and written, not copied: shared/ is read-only and its mode would come along
  writeFileSync(path.join(dst, 'SOURCE.txt'), readFileSync(path.join(src, 'SOURCE.txt')))
  for (const f of readdirSync(src).filter(wanted).sort()) {
    // Node's gzip header carries no time stamp, so the same input gives the same bytes
    await pipeline(
      createReadStream(path.join(src, f)),
      createGzip({ level: constants.Z_BEST_COMPRESSION }),
      createWriteStream(path.join(dst, `${f}.gz`)),
    )
    process.stdout.write(`${folder}/${f}.gz\n`)
  }
}
