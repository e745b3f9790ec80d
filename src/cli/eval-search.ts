import { readFile } from 'node:fs/promises'
import { sql } from 'kysely'
import { openDatabase } from '../db/connection.ts'
import { migrateToLatest } from '../db/migrate.ts'
import { scoreSearchCase, summariseSearchEval } from '../domain/secrets/search-eval.ts'
import { type SearchEvalSet, searchEvalSetSchema } from '../schemas/search.schemas.ts'
import { buildApp } from '../server/app.ts'
import { loadConfig } from '../server/config.ts'
import { memoryMailer } from '../server/mailer.ts'

const BASE = 'http://localhost:3000'
const ORIGIN = { origin: BASE }

const readSet = async (file: string): Promise<SearchEvalSet> => {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(file, 'utf8'))
  } catch (e) {
    throw new Error(`${file} is not a readable JSON file: ${(e as Error).message}`)
  }
  const parsed = searchEvalSetSchema.safeParse(raw)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new Error(
      `${file} is not a search evaluation set: ${first?.path.join('.') || '(top)'}: ${first?.message ?? 'invalid'}. ` +
        'Expected {"customers":[{"id","name","kind","revenue","secrets":[{"category","text"}]}],"queries":[{"q","expect":[ids],"wrong":[ids]}]}',
    )
  }
  const ids = new Set(parsed.data.customers.map((c) => c.id))
  for (const q of parsed.data.queries) {
    const unknown = [...q.expect, ...q.wrong].find((id) => !ids.has(id))
    if (unknown)
      throw new Error(`${file}: query "${q.q}" names customer "${unknown}", which the set does not have.`)
  }
  return parsed.data
}

/**
 * `dazzle eval search FILE.json`: the real app (routes, use-case, store, concepts) on a throwaway
 * in-memory database: the set's customers and secrets are recorded through the API, each query is
 * searched as marketing would, and the customers returned are scored. Prints
 * {"queries","precisionAt1","recallAt5","falsePositives"}; with --verbose, each query on stderr.
 */
export const evalSearch = async (file: string, opts: { verbose?: boolean }) => {
  const set = await readSet(file)
  const database = await openDatabase({})
  try {
    await migrateToLatest(database.raw)
    const config = { ...loadConfig({ DAZZLE_URL: BASE }), logLevel: 'silent', signInPerMinute: 1_000_000 }
    const { app } = await buildApp({ config, database, mailer: memoryMailer(), logger: false })
    await app.ready()
    try {
      const call = async (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) => {
        const r = await app.inject({
          method,
          url,
          headers: { cookie, ...ORIGIN },
          ...(payload ? { payload } : {}),
        })
        if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`)
        return r
      }
      const signUp = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-up/email',
        headers: ORIGIN,
        payload: { email: 'eval@dazzle.test', password: 'evaluation only 2026', name: 'Evaluator' },
      })
      const setCookie = signUp.headers['set-cookie']
      const cookie = (Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [])
        .map((c) => c.split(';')[0])
        .join('; ')
      const ws = (await call('POST', '/api/workspaces', cookie, { name: 'Search evaluation' })).json() as {
        id: string
      }
      const byApiId = new Map<string, string>()
      for (const c of set.customers) {
        const id = (await call('POST', '/api/customers', cookie, { name: c.name, kind: c.kind })).json()
          .id as string
        byApiId.set(id, c.id)
        for (const s of c.secrets) await call('POST', `/api/customers/${id}/secrets`, cookie, s)
        // value is what ties equal matches: set as an import of purchases would leave it
        await sql`update customer set lifetime_revenue = ${c.revenue} where workspace_id = ${ws.id} and id = ${id}`.execute(
          database.raw,
        )
      }
      const outcomes = []
      for (const q of set.queries) {
        const r = (await call('POST', '/api/secrets/search', cookie, { q: q.q, pageSize: 10 })).json() as {
          customers: { id: string; secrets: { text: string }[] }[]
        }
        const got = r.customers.map((c) => byApiId.get(c.id) ?? c.id)
        const o = scoreSearchCase(q, got)
        outcomes.push(o)
        if (opts.verbose) {
          const mark = o.hit1 && o.recall5 === 1 && o.falsePositives.length === 0 ? '✓' : o.hit1 ? '~' : '✗'
          process.stderr.write(
            `${mark} ${q.q.padEnd(22)} got: ${got.slice(0, 6).join(' ') || '(none)'}   expect: ${q.expect.join(' ') || '(none)'}${o.falsePositives.length ? `   WRONG: ${o.falsePositives.join(' ')}` : ''}\n`,
          )
        }
      }
      return summariseSearchEval(outcomes, set.queries)
    } finally {
      await app.close()
    }
  } finally {
    await database.close()
  }
}
