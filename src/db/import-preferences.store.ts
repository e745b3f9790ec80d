import { type Kysely, sql } from 'kysely'
import type { DB } from './schema.ts'

export type ImportPreferenceKind = 'purchases' | 'customers' | 'secrets' | 'oops'

/** How a file of one shape was last read: what the wizard offers the next time. */
export interface ImportPreference {
  mapping: Record<string, string>
  timezone: string
  currency: string
}

/** The import preferences of one workspace; `trx` comes from inWorkspace (RLS on). */
export const importPreferencesStore = (trx: Kysely<DB>, workspaceId: string) => ({
  /** the last reading of files with this header signature, or undefined */
  async remembered(kind: ImportPreferenceKind, signature: string): Promise<ImportPreference | undefined> {
    const r = await trx
      .selectFrom('importPreference')
      .select(['mapping', 'timezone', 'currency'])
      .where('workspaceId', '=', workspaceId)
      .where('kind', '=', kind)
      .where('signature', '=', signature)
      .executeTakeFirst()
    // kept as [header, field] pairs: headers are the file's words, and object keys read back from
    // JSON would be camel-cased by the query builder
    return (
      r && {
        mapping: Object.fromEntries(r.mapping as Array<[string, string]>),
        timezone: r.timezone,
        currency: r.currency,
      }
    )
  },

  async remember(kind: ImportPreferenceKind, signature: string, p: ImportPreference): Promise<void> {
    const row = {
      workspaceId,
      kind,
      signature,
      mapping: JSON.stringify(Object.entries(p.mapping)),
      timezone: p.timezone,
      currency: p.currency,
    }
    await trx
      .insertInto('importPreference')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['workspaceId', 'kind', 'signature']).doUpdateSet({
          mapping: row.mapping,
          timezone: row.timezone,
          currency: row.currency,
          updatedAt: sql`now()`,
        }),
      )
      .execute()
  },

  /**
   * The time zone and currency a new file starts with: the workspace's last import's, else the
   * currency most of its customers buy in and London time, else pounds.
   */
  async defaults(): Promise<{ timezone: string; currency: string }> {
    const last = await trx
      .selectFrom('importPreference')
      .select(['timezone', 'currency'])
      .where('workspaceId', '=', workspaceId)
      .orderBy('updatedAt', 'desc')
      .limit(1)
      .executeTakeFirst()
    if (last) return last
    const common = await trx
      .selectFrom('customer')
      .select(['currency', (eb) => eb.fn.countAll<number>().as('n')])
      .where('workspaceId', '=', workspaceId)
      .groupBy('currency')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirst()
    return { timezone: 'Europe/London', currency: common?.currency ?? 'GBP' }
  },
})
