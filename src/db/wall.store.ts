import { type Kysely, sql } from 'kysely'
import type { ClockInput } from '../domain/recovery/recovery-clock.ts'
import type { FoundWallLink } from '../domain/wall/manage-wall-links.ts'
import type { WallLinksPort } from '../domain/wall/ports.ts'
import type { WallLink } from '../domain/wall/wall-link.ts'
import type { DB } from './schema.ts'

const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string))

const linkColumns = [
  'l.id',
  'l.name',
  'l.prefix',
  'l.demo',
  'l.createdBy',
  'l.createdAt',
  'l.expiresAt',
  'l.revokedAt',
  'l.lastSeenAt',
  'u.name as createdByName',
] as const

const toLink = (r: {
  id: string
  name: string
  prefix: string
  demo: boolean
  createdBy: string | null
  createdByName: string | null
  createdAt: unknown
  expiresAt: unknown
  revokedAt: unknown
  lastSeenAt: unknown
}): WallLink => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  demo: r.demo,
  createdBy: r.createdBy,
  createdByName: r.createdByName ?? null,
  createdAt: new Date(r.createdAt as string),
  expiresAt: date(r.expiresAt),
  revokedAt: date(r.revokedAt),
  lastSeenAt: date(r.lastSeenAt),
})

/** The wall links of one workspace, its wall setting, and the clocks of its open recoveries. */
export const wallStore = (trx: Kysely<DB>, workspaceId: string) => {
  const links = () =>
    trx
      .selectFrom('wallLink as l')
      .leftJoin('authUser as u', 'u.id', 'l.createdBy')
      .where('l.workspaceId', '=', workspaceId)
      .select(linkColumns)
  const port: WallLinksPort = {
    async insert(l) {
      const { id } = await trx
        .insertInto('wallLink')
        .values({ workspaceId, ...l })
        .returning('id')
        .executeTakeFirstOrThrow()
      return toLink(await links().where('l.id', '=', id).executeTakeFirstOrThrow())
    },
    async list() {
      const rows = await links().orderBy('l.createdAt', 'desc').orderBy('l.id', 'desc').execute()
      return rows.map(toLink)
    },
    async get(id) {
      const r = await links().where('l.id', '=', id).executeTakeFirst()
      return r && toLink(r)
    },
    async revoke(id, at) {
      await trx
        .updateTable('wallLink')
        .set({ revokedAt: at })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .where('revokedAt', 'is', null)
        .execute()
    },
    async settings() {
      const w = await trx
        .selectFrom('workspace')
        .select('settings')
        .where('id', '=', workspaceId)
        .executeTakeFirstOrThrow()
      return { showSecrets: (w.settings as Record<string, unknown>).wallShowsSecrets === true }
    },
    async changeSettings(s) {
      await trx
        .updateTable('workspace')
        .set({ settings: sql`settings || ${JSON.stringify({ wallShowsSecrets: s.showSecrets })}::jsonb` })
        .where('id', '=', workspaceId)
        .execute()
    },
    async seen(id, at) {
      await trx
        .updateTable('wallLink')
        .set({ lastSeenAt: at })
        .where('workspaceId', '=', workspaceId)
        .where('id', '=', id)
        .execute()
    },
  }
  return {
    ...port,
    /** what readClock needs of each open recovery: the domain says which are at risk or breached */
    async openClocks(): Promise<ClockInput[]> {
      const rows = await trx
        .selectFrom('oops')
        .select(['letDownAt', 'windowHours', 'atRiskHours', 'fixedAt', 'surprisedAt'])
        .where('workspaceId', '=', workspaceId)
        .where('status', '=', 'open')
        .execute()
      return rows.map((r) => ({
        letDownAt: new Date(r.letDownAt as unknown as string),
        windowHours: Number(r.windowHours),
        atRiskHours: Number(r.atRiskHours),
        fixedAt: date(r.fixedAt),
        surprisedAt: date(r.surprisedAt),
      }))
    },
  }
}
export type WallStore = ReturnType<typeof wallStore>

/**
 * A wall link by its token's hash, in whichever workspace holds it: read before the workspace is
 * known, by the server's own role (no RLS), like an API token or a feedback link.
 */
export const findWallLink = async (db: Kysely<DB>, hash: string): Promise<FoundWallLink | undefined> => {
  const r = await db
    .selectFrom('wallLink as l')
    .innerJoin('workspace as w', 'w.id', 'l.workspaceId')
    .leftJoin('authUser as u', 'u.id', 'l.createdBy')
    .where('l.tokenHash', '=', hash)
    .select([...linkColumns, 'w.id as workspaceId', 'w.name as workspaceName'])
    .executeTakeFirst()
  return r && { workspaceId: r.workspaceId, workspaceName: r.workspaceName, link: toLink(r) }
}

/** The instance's signing secret (the environment's, else the one kept in the database). */
export const instanceSecret = async (db: Kysely<DB>, fromEnv: string | undefined): Promise<string> => {
  if (fromEnv) return fromEnv
  const r = await sql<{
    value: string
  }>`select value from instance_setting where key = 'auth_secret'`.execute(db)
  const v = r.rows[0]?.value
  if (!v) throw new Error('the instance has no auth secret yet')
  return v
}
