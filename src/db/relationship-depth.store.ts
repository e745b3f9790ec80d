import type { Kysely } from 'kysely'
import type { DepthAccount, DepthPort } from '../domain/accountability/depth-ports.ts'
import type { ClueKind, ClueMark } from '../domain/accountability/relationship-depth.ts'
import type { ValueTier } from '../domain/customers/customer.ts'
import type { DB } from './schema.ts'
import { fromWorkspace, insertInWorkspace, mapFirst } from './store-kit.ts'

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10))

const toMark = (r: {
  id: string
  clue: string
  holds: boolean
  since: unknown
  evidence: string
  recordedBy: string | null
  recordedByName: string | null
  recordedAt: Date | string
}): ClueMark => ({
  id: r.id,
  clue: r.clue as ClueKind,
  holds: r.holds,
  since: day(r.since),
  evidence: r.evidence,
  recordedBy: r.recordedBy,
  recordedByName: r.recordedByName,
  recordedAt: new Date(r.recordedAt),
})

const toAccount = (r: {
  id: string
  name: string
  valueTier: string | null
  ownerUserId: string | null
  ownerName: string | null
}): DepthAccount => ({
  customerId: r.id,
  customerName: r.name,
  tier: r.valueTier as ValueTier | null,
  ownerUserId: r.ownerUserId,
  ownerName: r.ownerName,
})

/** The four clues' marks of one workspace's key accounts; `trx` comes from inWorkspace (RLS on). */
export const relationshipDepthStore = (trx: Kysely<DB>, workspaceId: string): DepthPort => {
  const accounts = () =>
    fromWorkspace(trx, 'customer', workspaceId)
      .leftJoin('authUser as u', 'u.id', 'customer.ownerUserId')
      .select([
        'customer.id',
        'customer.name',
        'customer.valueTier',
        'customer.ownerUserId',
        'u.name as ownerName',
      ])
  const marks = () =>
    fromWorkspace(trx, 'relationshipClue', workspaceId)
      .leftJoin('authUser as r', 'r.id', 'relationshipClue.recordedBy')
      .select([
        'relationshipClue.id',
        'relationshipClue.customerId',
        'relationshipClue.clue',
        'relationshipClue.holds',
        'relationshipClue.since',
        'relationshipClue.evidence',
        'relationshipClue.recordedBy',
        'r.name as recordedByName',
        'relationshipClue.recordedAt',
      ])
      .orderBy('relationshipClue.since')
      .orderBy('relationshipClue.recordedAt')

  return {
    account: async (customerId) =>
      (await mapFirst(accounts().where('customer.id', '=', customerId), toAccount)) ?? null,
    marks: async (customerId) =>
      (await marks().where('relationshipClue.customerId', '=', customerId).execute()).map(toMark),
    addMark: (customerId, m) =>
      insertInWorkspace(trx, 'relationshipClue', workspaceId, {
        customerId,
        clue: m.clue,
        holds: m.holds,
        since: m.since,
        evidence: m.evidence,
        recordedBy: m.recordedBy,
        recordedAt: m.at,
      }),
    keyAccounts: async () => {
      const list = (
        await accounts()
          .where('customer.valueTier', '=', 'A')
          .where('customer.erasedAt', 'is', null)
          .orderBy('customer.name')
          .execute()
      ).map(toAccount)
      if (list.length === 0) return []
      const rows = await marks()
        .where(
          'relationshipClue.customerId',
          'in',
          list.map((a) => a.customerId),
        )
        .execute()
      const byCustomer = new Map<string, ClueMark[]>()
      for (const r of rows) {
        const l = byCustomer.get(r.customerId) ?? []
        l.push(toMark(r))
        byCustomer.set(r.customerId, l)
      }
      return list.map((a) => ({ ...a, marks: byCustomer.get(a.customerId) ?? [] }))
    },
  }
}
