import type { Kysely } from 'kysely'
import type { RecoveryKind } from '../domain/recovery/oops.ts'
import type { Certainty, SecretForSurprise } from '../domain/recovery/recommend-surprise.ts'
import type { SurpriseItem } from '../domain/recovery/surprise-catalogue.ts'
import type { SurprisesPort } from '../domain/recovery/surprise-ports.ts'
import type { DB } from './schema.ts'
import {
  byIdInWorkspace,
  deleteInWorkspace,
  fromWorkspace,
  mapFirst,
  ofCustomer,
  rowsInWorkspace,
} from './store-kit.ts'

const presentItem = (r: any): SurpriseItem => ({
  id: r.id,
  title: r.title,
  description: r.description ?? null,
  cost: Number(r.cost),
  leadTimeHours: Number(r.leadTimeHours),
  kind: r.kind as RecoveryKind,
  tags: r.tags ?? [],
  concepts: r.concepts ?? '',
  active: r.active,
  sourceKey: r.sourceKey ?? null,
  createdAt: new Date(r.createdAt),
})

/** The surprise catalogue of one workspace, and what suggestions read; `trx` comes from inWorkspace. */
export const surprisesStore = (trx: Kysely<DB>, workspaceId: string): SurprisesPort => ({
  async list({ includeInactive }) {
    let q = fromWorkspace(trx, 'surpriseItem', workspaceId).selectAll()
    if (!includeInactive) q = q.where('active', '=', true)
    const rows = await q.orderBy('active', 'desc').orderBy('title').orderBy('id').execute()
    return rows.map(presentItem)
  },
  async catalogueVersion() {
    const r = await fromWorkspace(trx, 'surpriseCatalogueVersion', workspaceId)
      .select('version')
      .executeTakeFirst()
    return r ? Number(r.version) : 0
  },
  get(id) {
    return mapFirst(byIdInWorkspace(trx, 'surpriseItem', workspaceId, id).selectAll(), presentItem)
  },
  async bySourceKeys(keys) {
    if (keys.length === 0) return []
    const rows = await fromWorkspace(trx, 'surpriseItem', workspaceId)
      .selectAll()
      .where('sourceKey', 'in', [...new Set(keys)])
      .execute()
    return rows.map(presentItem)
  },
  async insert(item) {
    // a concurrent add of the same title got there first: nothing inserted, and the transaction
    // stays usable (a unique violation would abort it)
    const r = await trx
      .insertInto('surpriseItem')
      .values({ workspaceId, ...item, tags: [...item.tags] })
      .onConflict((oc) => oc.columns(['workspaceId', 'sourceKey']).doNothing())
      .returning('id')
      .executeTakeFirst()
    return r?.id ?? null
  },
  async update(id, patch) {
    await rowsInWorkspace(trx, 'surpriseItem', workspaceId, { id }).update({
      ...patch,
      ...(patch.tags ? { tags: [...patch.tags] } : {}),
    })
  },
  async remove(id) {
    await deleteInWorkspace(trx, 'surpriseItem', workspaceId, { id })
  },
  async timesGiven(id) {
    const r = await fromWorkspace(trx, 'oops', workspaceId)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('surpriseItemId', '=', id)
      .executeTakeFirstOrThrow()
    return Number(r.n)
  },
  async secretsOf(customerId) {
    const rows = await trx
      .selectFrom('secret as s')
      .leftJoin('customerPerson as p', 'p.id', 's.personId')
      .select([
        's.id',
        's.category',
        's.text',
        's.concepts',
        's.certainty',
        's.lastConfirmedAt',
        's.personId',
        'p.name as personName',
        's.layer',
      ])
      .where('s.workspaceId', '=', workspaceId)
      .where('s.customerId', '=', customerId)
      .where('s.status', '=', 'active')
      .orderBy('s.lastConfirmedAt', 'desc')
      .limit(500)
      .execute()
    return rows.map(
      (r): SecretForSurprise => ({
        id: r.id,
        category: r.category,
        text: r.text,
        concepts: r.concepts,
        certainty: r.certainty as Certainty,
        lastConfirmedAt: new Date(r.lastConfirmedAt),
        personId: r.personId,
        personName: r.personName ?? null,
        layer: r.layer === 'need' ? 'need' : 'secret',
      }),
    )
  },
  async givenTo(customerId, exceptOopsId) {
    const rows = await ofCustomer(trx, 'oops', workspaceId, customerId)
      .select(['surpriseItemId', 'surpriseTitle'])
      .where('id', '!=', exceptOopsId)
      .where('surpriseTitle', 'is not', null)
      .execute()
    return {
      itemIds: rows.flatMap((r) => (r.surpriseItemId ? [r.surpriseItemId] : [])),
      titles: rows.flatMap((r) => (r.surpriseTitle ? [r.surpriseTitle] : [])),
    }
  },
})
