import { Command, CommanderError, Option } from 'commander'
import { isDomainError } from '../domain/errors.ts'
import { ROLES } from '../domain/workspaces/roles.ts'
import { loadConfig } from '../server/config.ts'
import { readLock } from '../server/data-folder-lock.ts'
import type { ImportKind } from '../server/imports/run-import-of-kind.ts'
import { CLI_SECRET_HEADER } from '../server/routes/cli-bridge.routes.ts'
import { runTask, type TaskName } from '../server/tasks/tasks.ts'
import { withLocalDeps } from './open.ts'
import { serve } from './serve.ts'

/**
 * Runs a task where it can run: inside the server that holds the embedded data folder (through its
 * loopback bridge), or here, opening the database directly.
 */
export const runHere = async (name: TaskName, args: Record<string, unknown>) => {
  const config = loadConfig()
  const holder = config.databaseUrl ? null : readLock(config.dataDir)
  if (holder?.kind === 'server' && holder.port && holder.secret) {
    const res = await fetch(`http://127.0.0.1:${holder.port}/api/_cli/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLI_SECRET_HEADER]: holder.secret },
      body: JSON.stringify(args),
    }).catch((e) => {
      throw new Error(
        `The Dazzle server (pid ${holder.pid}) holds ${config.dataDir} but does not answer on port ${holder.port}: ${e.message}`,
      )
    })
    const body = (await res.json()) as { output?: string; error?: { message: string } }
    if (!res.ok) throw new Error(body.error?.message ?? `The server refused (${res.status}).`)
    return body.output ?? ''
  }
  return withLocalDeps(
    config,
    name.replace('.', ' '),
    async (deps) => (await runTask(deps, name, args)).output,
  )
}

const roleOption = (desc: string) => new Option('--role <role>', desc).choices(ROLES)

export const program = new Command()
  .name('dazzle')
  .description(
    'Dazzle: know each customer’s secrets; turn every OOPS! into a dazzling recovery within 24 hours.\n' +
      'Reads DAZZLE_DATA_DIR (embedded database folder, default ./.dazzle) or DATABASE_URL (PostgreSQL), and PORT.',
  )
  .showHelpAfterError()

program
  .command('serve')
  .description('run the API and web UI (migrates the database; creates the demo workspace on first start)')
  .option('--build-if-stale', 'build the web UI first when it is missing or older than its sources')
  .option('--no-demo', 'do not create the demo workspace')
  .action(async (o: { buildIfStale?: boolean; demo: boolean }) => {
    const config = loadConfig()
    const embedded = !config.databaseUrl
    // the demo is for the embedded default; on a real server only when asked for (DAZZLE_DEMO=1)
    const demo = o.demo && (embedded ? config.demo : process.env.DAZZLE_DEMO === '1')
    await serve(config, { buildIfStale: !!o.buildIfStale, demo })
  })

program
  .command('migrate')
  .description('bring the database to the latest schema')
  .action(async () => {
    const config = loadConfig()
    const holder = config.databaseUrl ? null : readLock(config.dataDir)
    if (holder?.kind === 'server') {
      process.stdout.write(
        `The server (pid ${holder.pid}) migrated ${config.dataDir} when it started: up to date.\n`,
      )
      return
    }
    const { openConfiguredDatabase } = await import('./open.ts')
    const { database, lock, migrated } = await openConfiguredDatabase(config, {
      kind: 'cli',
      command: 'migrate',
    })
    await database.close()
    lock?.release()
    process.stdout.write(migrated.length ? `Applied: ${migrated.join(', ')}\n` : 'Already up to date.\n')
  })

const user = program.command('user').description('people')
user
  .command('create')
  .description('create a person with a password and give them a role in a workspace (created if new)')
  .requiredOption('--workspace <slug>', 'workspace address, e.g. acme')
  .requiredOption('--email <email>', 'their email')
  .requiredOption('--password <password>', 'at least 10 characters')
  .addOption(roleOption('their role').default('admin'))
  .option('--name <name>', 'display name (default: the part of the email before @)')
  .action(async (o) => {
    process.stdout.write(`${await runHere('user.create', o)}\n`)
  })

const token = program.command('token').description('API tokens for scripts')
token
  .command('create')
  .description('create an API token and print it (once, alone on stdout)')
  .requiredOption('--workspace <slug>', 'workspace address')
  .requiredOption('--email <email>', 'the member the token acts for')
  .addOption(roleOption("the token's role (default: the member's role; only admins may choose another)"))
  .option('--name <name>', 'what the token is for', 'CLI token')
  .action(async (o) => {
    process.stdout.write(`${await runHere('token.create', o)}\n`)
  })

const importCommand = program.command('import').description('import data from CSV files')
const importOptions = (c: Command) =>
  c
    .requiredOption('--workspace <slug>', 'workspace address')
    .option(
      '--map <pairs>',
      'columns the headers do not say, e.g. "Order=invoice number,Client=customer id" ("Notes=ignore" leaves one out); other columns are still detected',
    )
    .option('--dry-run', 'check everything, write nothing')
    .option('--keep-good-rows', 'import the good rows and report the rest (default: all or nothing)')
    .option('--timezone <tz>', 'time zone of timestamps without an offset', 'Europe/London')
    .option('--currency <code>', 'currency when the file has none', 'GBP')
    .option(
      '--delimiter <d>',
      'what separates the columns: comma, semicolon, tab, pipe or spaces (default: read from the file)',
    )
    .option('--encoding <e>', 'utf-8, utf-16le, utf-16be or windows-1252 (default: read from the file)')
    .option(
      '--date-order <o>',
      'for dates such as 03/04/2021: dmy (day first) or mdy (month first); default: read from the whole column',
    )
/** One `dazzle import <kind>` command: its files, the options every import takes, and the run. */
const importKindCommand = (kind: ImportKind, description: string) =>
  importOptions(
    importCommand
      .command(kind)
      .description(description)
      .argument('<files...>', 'CSV, TSV or text files with a header line'),
  ).action(async (files: string[], o) => {
    const { importFiles } = await import('./import.ts')
    const code = await importFiles(kind, files, o)
    if (code) process.exitCode = code
  })

importKindCommand(
  'customers',
  'import customers (one row each, keyed by Customer ID), with their contact person, spouse and children\n' +
    'columns: Customer ID, Name/Company, Kind, Segment, Country, Owner (member email), Estimated spend, Contact, Contact title, Contact email, Spouse, Children',
)
importKindCommand(
  'secrets',
  'import secrets heard about customers (one row each; idempotent: a second run adds nothing)\n' +
    'columns: Customer (external id or exact name), Person (created when new), Category (key or label), Text,\n' +
    'Recorded by (member email; empty = no recorder named), Date (2026-03-14 or 14/03/2026), Layer, Certainty',
)
importKindCommand(
  'oops',
  'import past OOPS! cases (one row each, keyed by its case id; idempotent: a second run adds nothing)\n' +
    'columns: Case/Complaint ID, Customer ID, Customer name (none: each case gets a customer of its own),\n' +
    'Issue, Sub-issue, Narrative (joined into the description), Type (else read from the text),\n' +
    'Date received (let down), Date sent to company (reported), Severity, Owner (member email), Product (segment),\n' +
    'State (region), Company response to consumer (outcome), Consumer disputed?, Fixed at, Closed at',
)
importKindCommand(
  'purchases',
  'import purchase lines (one transaction for all files; idempotent: a second run adds nothing)\n' +
    'columns are mapped from the headers (InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID, amount, …);\n' +
    'CSV, TSV or text: the delimiter (comma, semicolon, tab, pipe, spaces) and encoding are read from the file',
)

program
  .command('value')
  .description('value figures of a workspace: customers, tiers, top-10 share, concentration')
  .requiredOption('--workspace <slug>', 'workspace address')
  .option('--json', 'print JSON')
  .action(async (o: { workspace: string; json?: boolean }) => {
    const out = await runHere('value.report', { workspace: o.workspace })
    if (o.json) {
      process.stdout.write(`${out}\n`)
      return
    }
    const v = JSON.parse(out)
    const pct = (x: number) => `${(x * 100).toFixed(1)} %`
    process.stdout.write(
      `${[
        `customers ${v.customers} (${v.withPositiveRevenue} with positive revenue), revenue ${v.totalRevenue.toFixed(2)} ${v.currency}`,
        `tier A ${v.tiers.A} · B ${v.tiers.B} · C ${v.tiers.C} (A reaches ${pct(v.tierShare)} of revenue)`,
        `top 10 ${pct(v.top10Share)} · top 20 % ${pct(v.top20PercentShare)} · HHI ${v.hhi}`,
        v.concentration.warning ?? 'revenue is spread: no warning',
      ].join('\n')}\n`,
    )
  })

program
  .command('backup')
  .description(
    'back up the database to FILE: the embedded folder as PGlite dumps it (through the running server\n' +
      'when it holds the folder), or PostgreSQL with pg_dump (custom format) when DATABASE_URL is set',
  )
  .argument('<file>', 'where to write the backup')
  .action(async (file: string) => {
    const { backup } = await import('./backup.ts')
    process.stdout.write(`${await backup(loadConfig(), file)}\n`)
  })

program
  .command('restore')
  .description(
    'restore a backup into an EMPTY embedded folder (DAZZLE_DATA_DIR) or an empty PostgreSQL database\n' +
      '(DATABASE_URL, with pg_restore); never over data that is already there',
  )
  .argument('<file>', 'a file written by dazzle backup')
  .action(async (file: string) => {
    const { restore } = await import('./backup.ts')
    process.stdout.write(`${await restore(loadConfig(), file)}\n`)
  })

const evalCommand = program.command('eval').description('measure how well Dazzle chooses')
evalCommand
  .command('surprises')
  .description(
    'rank each scenario of an evaluation set with the real surprise ranking (and WordNet concepts)\n' +
      'prints {"scenarios","hit1","hit3","violations"}; file: {"catalogue":[…],"scenarios":[…]} (issue #5, part 7)',
  )
  .argument('<file>', 'the evaluation set, JSON')
  .option('--verbose', "each scenario's top three on stderr")
  .action(async (file: string, o: { verbose?: boolean }) => {
    const { evalSurprises } = await import('./eval-surprises.ts')
    process.stdout.write(`${JSON.stringify(await evalSurprises(file, o))}\n`)
  })

evalCommand
  .command('search')
  .description(
    'search an evaluation set with the real app on a throwaway database\n' +
      'prints {"queries","precisionAt1","recallAt5","falsePositives"}; file: {"customers":[…],"queries":[…]} (issue #14)',
  )
  .argument('<file>', 'the evaluation set, JSON')
  .option('--verbose', 'each query, what came back and what was expected, on stderr')
  .action(async (file: string, o: { verbose?: boolean }) => {
    const { evalSearch } = await import('./eval-search.ts')
    process.stdout.write(`${JSON.stringify(await evalSearch(file, o))}\n`)
  })

evalCommand
  .command('notes')
  .description(
    'turn each conversation of a Synthetic-Persona-Chat CSV (User 2 the customer, User 1 the salesperson) into proposed secrets\n' +
      'prints {"conversations","facts","proposals","recall","precision","misattributed"} (issue #13, part 6)',
  )
  .argument(
    '<file>',
    'the CSV (or .csv.gz) with "user 1 personas","user 2 personas","Best Generated Conversation"',
  )
  .option('--naive', "score the naive extractor instead (User 2's first-person clauses, as said)")
  .option('--verbose', 'each proposal that matches none of the customer’s facts, on stderr')
  .option('--ceiling', 'print instead the recall no extractor of what was said can pass (facts never said)')
  .action(async (file: string, o: { naive?: boolean; verbose?: boolean; ceiling?: boolean }) => {
    const { evalNotes } = await import('./eval-notes.ts')
    process.stdout.write(`${JSON.stringify(await evalNotes(file, o))}\n`)
  })

export const main = async (argv: string[]) => {
  program.exitOverride()
  try {
    await program.parseAsync(argv)
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode)
    const msg = isDomainError(e) || e instanceof Error ? e.message : String(e)
    process.stderr.write(`dazzle: ${msg}\n`)
    process.exit(1)
  }
}
