import { type Kysely, sql } from 'kysely'
import type { ConceptExpander } from '../domain/secrets/ports.ts'
import type { DB } from './schema.ts'
import { inWorkspace } from './workspace-scope.ts'

/** the instance setting that says which version of the meaning layer the stored concepts come from */
export const MEANING_VERSION_KEY = 'meaning_version'

/**
 * Recomputes the concepts stored with every secret when the meaning layer's data has changed since
 * they were computed (MEANING_VERSION against the instance setting), workspace by workspace, a
 * batch of secrets per transaction, then records the version. Search keeps working meanwhile on
 * the concepts it has. Idempotent: two instances starting together both write the same concepts.
 */
export const refreshConcepts = async (
  db: Kysely<DB>,
  concepts: ConceptExpander,
  version: number,
  opts: { batch?: number } = {},
): Promise<{ secrets: number; skipped: boolean }> => {
  const batch = opts.batch ?? 500
  const known = await sql<{ value: string }>`
    select value from instance_setting where key = ${MEANING_VERSION_KEY}`.execute(db)
  if (known.rows[0]?.value === String(version)) return { secrets: 0, skipped: true }
  const workspaces = await sql<{ id: string }>`select id from workspace order by id`.execute(db)
  let secrets = 0
  for (const { id: workspaceId } of workspaces.rows) {
    let after = ''
    for (;;) {
      // read, compute and write in turns: no transaction stays open while the concepts are worked out
      const rows = await inWorkspace(db, workspaceId, (trx) =>
        trx
          .selectFrom('secret')
          .select(['id', 'text'])
          .where('workspaceId', '=', workspaceId)
          .where('id', '>', after)
          .orderBy('id')
          .limit(batch)
          .execute(),
      )
      if (rows.length === 0) break
      const computed: string[] = []
      for (const r of rows) computed.push(await concepts.expand(r.text))
      await inWorkspace(db, workspaceId, (trx) =>
        sql`
          update secret s set concepts = x.concepts
          from unnest(${rows.map((r) => r.id)}::text[], ${computed}::text[]) as x(id, concepts)
          where s.workspace_id = ${workspaceId} and s.id = x.id and s.concepts is distinct from x.concepts`.execute(
          trx,
        ),
      )
      after = rows[rows.length - 1]!.id
      secrets += rows.length
      if (rows.length < batch) break
    }
  }
  await sql`
    insert into instance_setting (key, value) values (${MEANING_VERSION_KEY}, ${String(version)})
    on conflict (key) do update set value = excluded.value`.execute(db)
  return { secrets, skipped: false }
}
