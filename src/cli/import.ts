import { createReadStream, existsSync, statSync } from 'node:fs'
import path from 'node:path'
import { delimiterFromName, encodingFromName } from '../domain/customers/file-dialect.ts'
import { loadConfig } from '../server/config.ts'
import { readLock } from '../server/data-folder-lock.ts'
import { type ImportKind, runImportOfKind } from '../server/imports/run-import-of-kind.ts'
import { CLI_SECRET_HEADER } from '../server/routes/cli-bridge.routes.ts'
import { withLocalDeps } from './open.ts'

interface ImportCliOptions {
  workspace: string
  map?: string
  dryRun?: boolean
  keepGoodRows?: boolean
  timezone: string
  currency: string
  delimiter?: string
  encoding?: string
  dateOrder?: string
}

/** The reading options as the person wrote them → what the import takes (refused with what to use). */
const readingOptions = (o: ImportCliOptions) => {
  const dateOrder = o.dateOrder?.trim().toLowerCase()
  if (dateOrder && dateOrder !== 'dmy' && dateOrder !== 'mdy') {
    throw new Error(`--date-order takes dmy (DD/MM/YYYY) or mdy (MM/DD/YYYY); "${o.dateOrder}" is neither.`)
  }
  return {
    ...(o.delimiter ? { delimiter: delimiterFromName(o.delimiter) } : {}),
    ...(o.encoding ? { encoding: encodingFromName(o.encoding) } : {}),
    ...(dateOrder ? { dateOrder: dateOrder as 'dmy' | 'mdy' } : {}),
  }
}

const parseMap = (pairs: string | undefined) => {
  if (!pairs) return undefined
  const mapping: Record<string, string> = {}
  for (const pair of pairs.split(',')) {
    const [h, f] = pair.split('=').map((x) => x.trim())
    if (!h || !f)
      throw new Error(`--map takes "Header=field" pairs separated by commas; "${pair}" is not one.`)
    mapping[h] = f
  }
  return mapping
}

/** A progress bar on stderr (when it is a terminal, or every 10 % otherwise). */
const progressBar = (total: number) => {
  const started = Date.now()
  let last = 0
  let lastDecile = -1
  return (bytes: number, done = false) => {
    const now = Date.now()
    if (!done && now - last < 200) return
    last = now
    const share = total ? Math.min(1, bytes / total) : 0
    const width = 30
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░')
    const mb = (bytes / 1024 ** 2).toFixed(1)
    const speed = (bytes / 1024 ** 2 / Math.max(0.001, (now - started) / 1000)).toFixed(1)
    const line = `${bar} ${(share * 100).toFixed(0).padStart(3)} %  ${mb} of ${(total / 1024 ** 2).toFixed(1)} MB  ${speed} MB/s`
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done ? '\n' : ''}`)
    else if (Math.floor(share * 10) > lastDecile || done) {
      lastDecile = Math.floor(share * 10)
      process.stderr.write(`${line}\n`)
    }
  }
}

type Result = Awaited<ReturnType<typeof runImportOfKind>>[number]

const summary = (r: Result) => {
  const n = (x: number) => x.toLocaleString('en-GB')
  const lines = [
    `${r.status === 'imported' ? 'Imported' : r.status === 'partial' ? 'Imported the good rows of' : r.status === 'dry_run' ? 'Dry run of' : 'Rejected'} ${r.fileName}: ${n(r.rows)} rows in ${r.seconds} s (${n(r.rowsPerSecond)} rows/s)`,
    r.kind === 'customers'
      ? `  new customers ${n(r.added)} · already present (updated) ${n(r.alreadyPresent)}`
      : r.kind === 'secrets'
        ? `  secrets added ${n(r.added)} · already present ${n(r.alreadyPresent)} · people added ${n(('peopleAdded' in r && r.peopleAdded) || 0)}`
        : r.kind === 'oops'
          ? `  cases added ${n(r.added)} · already present ${n(r.alreadyPresent)} · new customers ${n(r.customersAdded)}`
          : `  added ${n(r.added)} · already present ${n(r.alreadyPresent)} · new customers ${n(r.customersAdded)} · rows without a customer (not imported) ${n(r.rowsWithoutCustomer)}`,
  ]
  if (r.errorCount) {
    lines.push(
      `  ${n(r.errorCount)} rows refused${r.status === 'rejected' ? '; nothing was imported (all or nothing; --keep-good-rows imports the rest)' : ''}:`,
    )
    for (const e of r.errors.slice(0, 20)) {
      lines.push(
        `    ${'file' in e && e.file ? `${e.file} ` : ''}row ${e.row}${e.column ? `, column ${e.column}` : ''}: ${e.reason}`,
      )
    }
    if (r.errorCount > 20 && r.id) lines.push(`    … the full report: /api/imports/${r.id}/errors.csv`)
  }
  for (const note of ('notes' in r && r.notes) || []) lines.push(`  ${note}`)
  return `${lines.join('\n')}\n`
}

export const importFiles = async (
  kind: ImportKind,
  files: string[],
  o: ImportCliOptions,
): Promise<number> => {
  for (const f of files) if (!existsSync(f)) throw new Error(`No such file: ${f}`)
  const mapping = parseMap(o.map)
  const reading = readingOptions(o)
  const total = files.reduce((t, f) => t + statSync(f).size, 0)
  const progress = progressBar(total)
  const config = loadConfig()
  const holder = config.databaseUrl ? null : readLock(config.dataDir)
  const results: Result[] = []
  if (holder?.kind === 'server' && holder.port && holder.secret) {
    // the server holds the folder: it reads the files itself, all in one request (one
    // transaction, as locally), and answers with its progress, then the result
    const res = await fetch(`http://127.0.0.1:${holder.port}/api/_cli/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLI_SECRET_HEADER]: holder.secret },
      body: JSON.stringify({
        workspace: o.workspace,
        kind,
        files: files.map((f) => path.resolve(f)),
        dryRun: !!o.dryRun,
        keepGoodRows: !!o.keepGoodRows,
        timezone: o.timezone,
        currency: o.currency,
        ...reading,
        ...(mapping ? { mapping } : {}),
      }),
    })
    if (!res.ok || !res.body) {
      const body = (await res.json().catch(() => ({}))) as { error?: { message: string } }
      throw new Error(body.error?.message ?? `The server refused (${res.status}).`)
    }
    let rest = ''
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      rest += Buffer.from(chunk).toString('utf8')
      const lines = rest.split('\n')
      rest = lines.pop() ?? ''
      for (const l of lines) {
        if (!l) continue
        const m = JSON.parse(l) as { bytes?: number; results?: Result[]; error?: { message: string } }
        if (m.bytes !== undefined) progress(m.bytes)
        if (m.error) throw new Error(m.error.message)
        if (m.results) results.push(...m.results)
      }
    }
    if (!results.length)
      throw new Error('The server stopped before the import finished; nothing was imported.')
  } else {
    const r = await withLocalDeps(config, `import ${kind}`, async (deps) => {
      const ws = await deps.identity.workspaceBySlug(o.workspace)
      if (!ws) throw new Error(`There is no workspace "${o.workspace}".`)
      // the CLI acts on the server's machine, for no member: rows without a recorder (or an
      // owner) name none
      return runImportOfKind(
        deps,
        ws.id,
        files.map((f) => ({
          name: path.basename(f),
          stream: createReadStream(f),
          reopen: () => createReadStream(f),
          fileName: path.basename(f),
        })),
        {
          kind,
          importer: { userId: null, label: 'cli', name: 'Import' },
          dryRun: !!o.dryRun,
          keepGoodRows: !!o.keepGoodRows,
          mapping,
          currency: o.currency,
          timezone: o.timezone,
          ...reading,
          onProgress: (b) => progress(b),
        },
      )
    })
    results.push(...r)
  }
  progress(total, true)
  for (const r of results) process.stdout.write(summary(r))
  return results.some((r) => r.status === 'rejected') ? 1 : 0
}
