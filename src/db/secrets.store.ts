import { type Kysely, sql } from 'kysely'
import type { AuditEventInput } from '../domain/audit/audit-event.ts'
import type {
  EngagementChange,
  NewEngagement,
  SecretChange,
  NewSecret as SecretToRecord,
} from '../domain/secrets/ports.ts'
import { QUESTION_SEED } from '../domain/secrets/question-seed.ts'
import type { Secret } from '../domain/secrets/secret.ts'
import { allCategories, type CategoryScope, type SecretCategory } from '../domain/secrets/taxonomy.ts'
import type { RequestContext } from './audit.store.ts'
import { personOfCustomer } from './customers.store.ts'
import { emitEvent } from './recovery.store.ts'
import type { DB } from './schema.ts'
import { deleteInWorkspace } from './store-kit.ts'

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string))

/** A secret as the routes present it: the domain's entity. */
export type SecretRow = Secret

/** One mapping place from a row to the entity: the column types the domain narrows. */
const toSecret = (r: Record<string, unknown>): Secret => ({
  ...(r as unknown as Secret),
  recordedAt: new Date(r.recordedAt as string),
  lastConfirmedAt: new Date(r.lastConfirmedAt as string),
  outdatedAt: toDate(r.outdatedAt),
})

/** A secret to record, with the key of the import row it came from (if it did). */
export interface NewSecret extends SecretToRecord {
  sourceKey?: string | null
}

/** What a secret says and who recorded it (`SecretFacts`, less its customer), its person (`p`) by name. */
export const HEARD_COLUMNS = [
  's.personId',
  'p.name as personName',
  's.layer',
  's.category',
  's.text',
  's.certainty',
  's.recordedBy',
  's.recordedByName',
] as const

const secretColumns = [
  's.id',
  's.customerId',
  ...HEARD_COLUMNS,
  's.recordedAt',
  's.engagementId',
  's.lastConfirmedAt',
  's.status',
  's.supersededBy',
  's.outdatedAt',
] as const

/** The secrets layer of one workspace; `trx` comes from inWorkspace (RLS on). */
export const secretsStore = (trx: Kysely<DB>, workspaceId: string) => {
  const secrets = () =>
    trx
      .selectFrom('secret as s')
      .leftJoin('customerPerson as p', 'p.id', 's.personId')
      .select(secretColumns)
      .where('s.workspaceId', '=', workspaceId)

  return {
    /** Builtin categories plus the ones this workspace's admins added. */
    async categories(): Promise<SecretCategory[]> {
      const custom = await trx
        .selectFrom('secretCategory')
        .select(['key', 'label', 'scope', 'cues'])
        .where('workspaceId', '=', workspaceId)
        .orderBy('createdAt')
        .execute()
      return allCategories(
        custom.map((c) => ({ ...c, scope: c.scope as CategoryScope, sensitive: false, builtin: false })),
      )
    },
    async addCategory(c: { key: string; label: string; scope: CategoryScope; cues: string[] }) {
      await trx
        .insertInto('secretCategory')
        .values({ workspaceId, key: c.key, label: c.label, scope: c.scope, cues: c.cues })
        .execute()
    },
    removeCategory: (key: string) => deleteInWorkspace(trx, 'secretCategory', workspaceId, { key }),
    async categoryInUse(key: string) {
      const r = await trx
        .selectFrom('secret')
        .select('id')
        .where('workspaceId', '=', workspaceId)
        .where('category', '=', key)
        .limit(1)
        .executeTakeFirst()
      return !!r
    },

    async settings(): Promise<{ sensitiveCategories: boolean }> {
      const w = await trx
        .selectFrom('workspace')
        .select('settings')
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      return { sensitiveCategories: (w.settings as Record<string, unknown>).sensitiveCategories === true }
    },

    async customerFacts(customerId: string) {
      const c = await trx
        .selectFrom('customer')
        .select(['id', 'kind', 'name', 'valueTier', 'sensitiveConsentAt', 'erasedAt'])
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', customerId)
        .executeTakeFirst()
      return c && { ...c, sensitiveConsentAt: toDate(c.sensitiveConsentAt), erasedAt: toDate(c.erasedAt) }
    },
    /** NOTIFY is delivered when the transaction commits, never for one that rolls back */
    async announce(secretId: string) {
      await sql`select pg_notify('dazzle_secrets', ${JSON.stringify({ workspaceId, secretId })})`.execute(trx)
      // webhooks hear whom it is about and its category, never its text
      const s = await trx
        .selectFrom('secret')
        .select(['customerId', 'category', 'recordedAt'])
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', secretId)
        .executeTakeFirst()
      if (s) {
        const data = { secretId, customerId: s.customerId, category: s.category }
        await emitEvent(trx, workspaceId, 'secret.recorded', data, new Date(s.recordedAt))
      }
    },
    async personOf(customerId: string, personId: string) {
      return personOfCustomer(trx, workspaceId, customerId, personId)
    },
    async engagementOf(customerId: string, engagementId: string) {
      return trx
        .selectFrom('engagement')
        .select(['id'])
        .where('workspaceId', '=', workspaceId)
        .where('customerId', '=', customerId)
        .where('id', '=', engagementId)
        .executeTakeFirst()
    },
    async changeSettings(patch: { sensitiveCategories: boolean }) {
      await trx
        .updateTable('workspace')
        .set({ settings: sql`settings || ${JSON.stringify(patch)}::jsonb` })
        .where('id', '=', workspaceId)
        .execute()
    },
    async isMember(userId: string) {
      const m = await trx
        .selectFrom('membership')
        .select('userId')
        .where('workspaceId', '=', workspaceId)
        .where('userId', '=', userId)
        .executeTakeFirst()
      return !!m
    },
    async recordConsent(customerId: string, at: Date | null, note: string | null) {
      await trx
        .updateTable('customer')
        .set({ sensitiveConsentAt: at, sensitiveConsentNote: note, updatedAt: new Date() })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', customerId)
        .execute()
    },

    async record(s: NewSecret): Promise<string> {
      const r = await trx
        .insertInto('secret')
        .values({
          workspaceId,
          customerId: s.customerId,
          personId: s.personId,
          layer: s.layer,
          category: s.category,
          text: s.text,
          certainty: s.certainty,
          recordedBy: s.recordedBy,
          recordedByName: s.recordedByName,
          recordedAt: s.recordedAt,
          engagementId: s.engagementId,
          lastConfirmedAt: s.recordedAt,
          concepts: s.concepts,
          sourceKey: s.sourceKey ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return r.id
    },
    /** The older secret stays, marked outdated and pointing at the one that replaced it. */
    async supersede(oldId: string, newId: string, at: Date) {
      await trx
        .updateTable('secret')
        .set({ status: 'outdated', supersededBy: newId, outdatedAt: at, updatedAt: at })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', oldId)
        .execute()
    },
    async get(id: string): Promise<Secret | undefined> {
      const r = await secrets().where('s.id', '=', id).executeTakeFirst()
      return r && toSecret(r)
    },
    async update(id: string, patch: SecretChange) {
      await trx
        .updateTable('secret')
        .set({ ...patch, updatedAt: new Date() })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .execute()
    },
    async remove(id: string) {
      await trx.deleteFrom('secret').where('workspaceId', '=', workspaceId).where('id', '=', id).execute()
    },
    async forCustomer(customerId: string, status: 'active' | 'outdated' | 'all'): Promise<SecretRow[]> {
      let q = secrets().where('s.customerId', '=', customerId)
      if (status !== 'all') q = q.where('s.status', '=', status)
      return (await q.orderBy('s.lastConfirmedAt', 'desc').orderBy('s.id').execute()).map(toSecret)
    },

    /**
     * "What secrets do we know about this customer?" in one statement: the newest active secret of
     * each category, counts per category, people and family by name, the last engagement — and the
     * audit row of this very read, written by the same statement.
     */
    async known(customerId: string, audit: AuditEventInput & { ctx: RequestContext }, highlights = 8) {
      // one call of a function that keeps its plan per connection (see its migration)
      const r = await sql<any>`
        select * from dazzle_known(${workspaceId}, ${customerId}, ${highlights}, ${audit.actorUserId},
          ${audit.actorLabel}, ${audit.action}, ${audit.ctx.ip ?? null}, ${audit.ctx.userAgent?.slice(0, 400) ?? null},
          ${audit.ctx.requestId ?? null})`.execute(trx)
      const row = r.rows[0]
      if (!row) return null
      return {
        customer: {
          id: row.id as string,
          name: row.name as string,
          kind: row.kind as string,
          tier: row.valueTier,
        },
        highlights: (row.highlights as any[]).map((h) => ({
          id: h.id as string,
          category: h.category as string,
          layer: h.layer as string,
          text: h.text as string,
          certainty: h.certainty as string,
          // (the CamelCasePlugin renames the keys of JSON objects too)
          lastConfirmedAt: toDate(h.lastConfirmedAt) as Date,
          recordedByName: h.recordedByName as string | null,
          personId: h.personId as string | null,
          personName: h.personName as string | null,
        })),
        perCategory: (row.perCategory as any[]).map((g) => ({
          category: g.category as string,
          count: g.n as number,
          lastConfirmedAt: toDate(g.last) as Date,
        })),
        customCategories: row.customCategories as { key: string; label: string; scope: CategoryScope }[],
        people: row.people as { id: string; name: string; title: string | null }[],
        family: row.family as { name: string; kind: string; of: string | null; birthday: string | null }[],
        lastEngagementAt: toDate(row.lastEngagementAt),
      }
    },

    async addEngagement(e: NewEngagement) {
      const r = await trx
        .insertInto('engagement')
        .values({ workspaceId, ...e })
        .returning('id')
        .executeTakeFirstOrThrow()
      return r.id
    },
    async engagements(customerId: string) {
      const rows = await trx
        .selectFrom('engagement as e')
        .leftJoin('authUser as u', 'u.id', 'e.createdBy')
        .select([
          'e.id',
          'e.customerId',
          'e.occurredAt',
          'e.channel',
          'e.summary',
          'e.notes',
          'e.personIds',
          'e.userIds',
          'e.createdBy',
          'u.name as createdByName',
        ])
        .where('e.workspaceId', '=', workspaceId)
        .where('e.customerId', '=', customerId)
        .orderBy('e.occurredAt', 'desc')
        .execute()
      return rows
    },
    /** how many secrets were heard in each of the customer's engagements */
    async secretsPerEngagement(customerId: string): Promise<Map<string, number>> {
      const rows = await trx
        .selectFrom('secret')
        .select(['engagementId', (eb) => eb.fn.countAll<number>().as('n')])
        .where('workspaceId', '=', workspaceId)
        .where('customerId', '=', customerId)
        .where('engagementId', 'is not', null)
        .groupBy('engagementId')
        .execute()
      return new Map(rows.map((r) => [r.engagementId as string, Number(r.n)]))
    },
    async updateEngagement(customerId: string, id: string, patch: EngagementChange) {
      const r = await trx
        .updateTable('engagement')
        .set(patch)
        .where('workspaceId', '=', workspaceId)
        .where('customerId', '=', customerId)
        .where('id', '=', id)
        .executeTakeFirst()
      return Number(r.numUpdatedRows) > 0
    },
    removeEngagement: (customerId: string, id: string) =>
      deleteInWorkspace(trx, 'engagement', workspaceId, { customerId, id }),

    /** The question bank; a workspace that never had one gets the seed on first read. */
    async questions() {
      const read = () =>
        trx
          .selectFrom('secretQuestion')
          .select(['id', 'category', 'text', 'position'])
          .where('workspaceId', '=', workspaceId)
          .orderBy('category')
          .orderBy('position')
          .execute()
      const rows = await read()
      if (rows.length > 0) return rows
      const seeded = await trx
        .selectFrom('workspace')
        .select(sql<boolean>`coalesce((settings->>'questionsSeeded')::boolean, false)`.as('seeded'))
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      if (seeded.seeded) return rows
      await trx
        .insertInto('secretQuestion')
        .values(
          Object.entries(QUESTION_SEED).flatMap(([category, texts]) =>
            texts.map((text, i) => ({ workspaceId, category, text, position: i })),
          ),
        )
        .execute()
      await trx
        .updateTable('workspace')
        .set({ settings: sql`settings || '{"questionsSeeded": true}'::jsonb` })
        .where('id', '=', workspaceId)
        .execute()
      return read()
    },
    async addQuestion(q: { category: string; text: string; position?: number | undefined }) {
      const position =
        q.position ??
        Number(
          (
            await trx
              .selectFrom('secretQuestion')
              .select(sql<number>`coalesce(max(position), -1) + 1`.as('p'))
              .where('workspaceId', '=', workspaceId)
              .where('category', '=', q.category)
              .executeTakeFirstOrThrow()
          ).p,
        )
      return trx
        .insertInto('secretQuestion')
        .values({ workspaceId, category: q.category, text: q.text, position })
        .returning(['id', 'category', 'text', 'position'])
        .executeTakeFirstOrThrow()
    },
    async updateQuestion(id: string, patch: { text?: string | undefined; position?: number | undefined }) {
      return trx
        .updateTable('secretQuestion')
        .set(Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)))
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .returning(['id', 'category', 'text', 'position'])
        .executeTakeFirst()
    },
    removeQuestion: (id: string) => deleteInWorkspace(trx, 'secretQuestion', workspaceId, { id }),
  }
}

export type SecretsStore = ReturnType<typeof secretsStore>

/** A secret an import brings in, keyed by its row (`sourceKey`) so a second import adds nothing. */
export interface ImportedSecret extends Omit<NewSecret, 'engagementId' | 'sourceKey'> {
  workspaceId: string
  lastConfirmedAt: Date
  sourceKey: string
}

/** Inserts imported secrets, skipping those already on file; answers how many were added. */
export const insertImportedSecrets = async (trx: Kysely<DB>, rows: readonly ImportedSecret[]) =>
  rows.length
    ? (
        await trx
          .insertInto('secret')
          .values([...rows])
          .onConflict((oc) => oc.columns(['workspaceId', 'sourceKey']).doNothing())
          .returning('id')
          .execute()
      ).length
    : 0
