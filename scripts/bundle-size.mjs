#!/usr/bin/env node
// What the first pages a person opens load, from the build's manifest (run after `npm run build`):
// the entry chunk and the page's own chunk, each with the chunks they import statically, and their
// CSS. Prints raw, gzip and brotli (what the server sends, scripts/… .br) sizes, and fails when a
// page's JavaScript is above the budget, gzipped. `--json` prints the figures as JSON.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const ROOT = path.resolve(import.meta.dirname, '..')
const DIST = path.join(ROOT, 'dist/web')
/** kB (1000 bytes) of JavaScript, gzipped, that the first page may load (issue 10) */
export const BUDGET_KB = 350
/** the pages people open first: signed out, and the signed-in home */
const PAGES = {
  'sign-in': 'features/auth/sign-in-page.tsx',
  home: 'features/home/home-page.tsx',
}

const manifestFile = path.join(DIST, '.vite/manifest.json')
if (!existsSync(manifestFile)) {
  console.error(`No ${path.relative(ROOT, manifestFile)}: run \`npm run build\` first.`)
  process.exit(2)
}
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'))
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)
if (!entryKey) throw new Error('the manifest names no entry chunk')

/** the chunks a module loads before it runs: itself and its static imports, recursively */
const closure = (key, seen = new Set()) => {
  if (seen.has(key)) return seen
  const chunk = manifest[key]
  if (!chunk) throw new Error(`${key} is not in the build's manifest: is it still a page of its own?`)
  seen.add(key)
  for (const dep of chunk.imports ?? []) closure(dep, seen)
  return seen
}

const sizes = (file) => {
  const data = readFileSync(path.join(DIST, file))
  const br = path.join(DIST, `${file}.br`)
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: 9 }).length,
    br: existsSync(br) ? readFileSync(br).length : null,
  }
}
const sum = (files) =>
  files.map(sizes).reduce(
    (a, s) => ({
      raw: a.raw + s.raw,
      gzip: a.gzip + s.gzip,
      br: a.br === null || s.br === null ? null : a.br + s.br,
    }),
    { raw: 0, gzip: 0, br: 0 },
  )

const report = {}
for (const [name, module] of Object.entries(PAGES)) {
  const keys = [...closure(module, closure(entryKey))]
  const js = [...new Set(keys.map((k) => manifest[k].file))]
  const css = [...new Set(keys.flatMap((k) => manifest[k].css ?? []))]
  report[name] = { files: js.length, js: sum(js), css: sum(css) }
}
const allJs = Object.values(manifest)
  .map((c) => c.file)
  .filter((f, i, a) => f.endsWith('.js') && a.indexOf(f) === i)
report.all = { files: allJs.length, js: sum(allJs) }

const kB = (n) => (n === null ? '   —' : (n / 1000).toFixed(1).padStart(7))
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ budgetKb: BUDGET_KB, ...report }, null, 2))
} else {
  console.log('first load        files   JS raw   JS gzip  JS br │  CSS raw  CSS gzip  CSS br   (kB)')
  for (const [name, r] of Object.entries(report)) {
    const css = r.css ? `${kB(r.css.raw)}  ${kB(r.css.gzip)} ${kB(r.css.br)}` : ''
    console.log(
      `${name.padEnd(16)} ${String(r.files).padStart(5)} ${kB(r.js.raw)}  ${kB(r.js.gzip)} ${kB(r.js.br)} │ ${css}`,
    )
  }
}
const over = Object.entries(PAGES)
  .map(([name]) => [name, report[name].js.gzip / 1000])
  .filter(([, k]) => k > BUDGET_KB)
if (over.length) {
  for (const [name, k] of over)
    console.error(`✖ ${name} loads ${k.toFixed(1)} kB of JavaScript gzipped, over the ${BUDGET_KB} kB budget`)
  process.exit(1)
}
if (!process.argv.includes('--json'))
  console.log(`✔ every first page within ${BUDGET_KB} kB of JavaScript gzipped`)
