import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AuditEventInput } from '../audit/audit-event.ts'
import type { Actor } from '../workspaces/roles.ts'
import { importSurpriseRows, removeSurpriseItem } from './manage-surprise-catalogue.ts'
import {
  detectSurpriseMapping,
  parseAmount,
  parseLeadTime,
  parseSurpriseRow,
  type SurpriseItem,
  type SurpriseRow,
} from './surprise-catalogue.ts'
import type { SurprisesPort } from './surprise-ports.ts'

const leader: Actor = { userId: 'u1', label: 'lee@x.test', role: 'leader' }
const service: Actor = { userId: 'u2', label: 'sue@x.test', role: 'service' }

/** An in-memory catalogue with the port's behaviour. */
const memoryCatalogue = () => {
  const items = new Map<string, SurpriseItem>()
  const given = new Map<string, number>()
  let n = 0
  const port: SurprisesPort = {
    list: async ({ includeInactive }) => [...items.values()].filter((i) => includeInactive || i.active),
    catalogueVersion: async () => n,
    get: async (id) => items.get(id),
    bySourceKeys: async (keys) =>
      [...items.values()].filter((i) => i.sourceKey && keys.includes(i.sourceKey)),
    insert: async (d) => {
      const id = `i${++n}`
      items.set(id, { id, createdAt: new Date(), ...d })
      return id
    },
    update: async (id, patch) => {
      items.set(id, { ...items.get(id)!, ...patch })
    },
    remove: async (id) => {
      items.delete(id)
    },
    timesGiven: async (id) => given.get(id) ?? 0,
    secretsOf: async () => [],
    givenTo: async () => ({ itemIds: [], titles: [] }),
  }
  const audit: AuditEventInput[] = []
  return {
    items,
    given,
    audit,
    deps: {
      surprises: port,
      audit: { record: async (e: AuditEventInput) => void audit.push(e) },
      concepts: { expand: async (t: string) => (t.toLowerCase().includes('wine') ? 'vino beverage' : '') },
    },
  }
}

const row = (r: number, over: Partial<SurpriseRow> = {}) => ({
  row: r,
  item: {
    title: `Item ${r}`,
    description: null,
    cost: 10 * r,
    leadTimeHours: 4,
    kind: 'gift' as const,
    tags: [],
    active: true,
    sourceKey: `key:K${r}`,
    ...over,
  },
})

describe('reading a catalogue row', () => {
  it('maps the usual header names to fields', () => {
    expect(
      detectSurpriseMapping([
        'SKU',
        'Name',
        'Price (€)',
        'Lead time (hours)',
        'Type',
        'Good for',
        'Notes',
        'Misc',
      ]),
    ).toEqual({
      SKU: 'key',
      Name: 'title',
      'Price (€)': 'cost',
      'Lead time (hours)': 'leadTimeHours',
      Type: 'kind',
      'Good for': 'tags',
      Notes: 'description',
    })
  })

  it('reads amounts and lead times the way people write them', () => {
    expect(['45', '45.50', '$1,200.50', '€ 30', '30 EUR', 'lots', '-5'].map(parseAmount)).toEqual([
      45,
      45.5,
      1200.5,
      30,
      30,
      null,
      null,
    ])
    expect(['48', '48h', '2 days', '1.5 d', '1 week', '90 min', 'soon'].map(parseLeadTime)).toEqual([
      48,
      48,
      48,
      36,
      168,
      1.5,
      null,
    ])
  })

  it('turns a row into an item keyed by its key, else its title; or says what is wrong', () => {
    const h = (f: string) => f
    expect(
      parseSurpriseRow(
        {
          title: ' Bottle of  Pinot ',
          cost: '45',
          leadTimeHours: '4',
          tags: 'Wine; red wine|wine',
          active: '',
        },
        h,
      ),
    ).toEqual({
      kind: 'row',
      row: {
        title: 'Bottle of Pinot',
        description: null,
        cost: 45,
        leadTimeHours: 4,
        kind: 'gift',
        tags: ['wine', 'red wine'],
        active: true,
        sourceKey: 'title:bottle of pinot',
      },
    })
    expect(
      parseSurpriseRow({ key: 'W1', title: 'Wine', cost: '45', leadTimeHours: '4', active: 'no' }, h),
    ).toMatchObject({
      row: { sourceKey: 'key:W1', active: false },
    })
    expect(
      parseSurpriseRow({ title: '', cost: 'free', leadTimeHours: '4', kind: 'bribe', active: 'maybe' }, h),
    ).toEqual({
      kind: 'error',
      problems: [
        { column: 'cost', reason: '"free" is not an amount' },
        { column: 'kind', reason: expect.stringContaining('"bribe" is not one of gift, experience') },
        { column: 'active', reason: '"maybe" is neither yes nor no' },
        { column: 'title', reason: 'the title is empty' },
      ],
    })
  })

  it('never throws on any cell content (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('key', 'title', 'cost', 'leadTimeHours', 'kind', 'tags', 'active'),
          fc.string(),
        ),
        (values) => {
          const r = parseSurpriseRow(values, (f) => f)
          if (r.kind === 'row') {
            expect(r.row.cost).toBeGreaterThanOrEqual(0)
            expect(r.row.leadTimeHours).toBeGreaterThanOrEqual(0)
          }
        },
      ),
    )
  })
})

describe('importing a catalogue', () => {
  it('writes nothing when one row is refused, unless asked to keep the good rows', async () => {
    const m = memoryCatalogue()
    const parsed = { rows: [row(2), row(3)], errors: [{ row: 4, column: 'Cost', reason: 'bad' }], total: 3 }
    const refused = await importSurpriseRows(m.deps, leader, parsed, { dryRun: false, keepGoodRows: false })
    expect(refused).toMatchObject({ status: 'rejected', added: 0, errorCount: 1 })
    expect(m.items.size).toBe(0)
    expect(m.audit).toEqual([])
    const partial = await importSurpriseRows(m.deps, leader, parsed, { dryRun: false, keepGoodRows: true })
    expect(partial).toMatchObject({ status: 'partial', added: 2, errorCount: 1 })
    expect(m.items.size).toBe(2)
  })

  it('answers a dry run like the real thing, and writes nothing', async () => {
    const m = memoryCatalogue()
    const r = await importSurpriseRows(
      m.deps,
      leader,
      { rows: [row(2), row(3)], errors: [], total: 2 },
      { dryRun: true, keepGoodRows: false },
    )
    expect(r).toMatchObject({ status: 'checked', added: 2 })
    expect(r.preview.map((p) => p.action)).toEqual(['add', 'add'])
    expect(m.items.size).toBe(0)
  })

  it('is idempotent, updates what changed, keeps the concepts, and refuses a row twice in one file', async () => {
    const m = memoryCatalogue()
    const file = { rows: [row(2, { title: 'Bottle of wine' }), row(3)], errors: [], total: 2 }
    await importSurpriseRows(m.deps, leader, file, { dryRun: false, keepGoodRows: false })
    expect([...m.items.values()].find((i) => i.title === 'Bottle of wine')!.concepts).toBe('vino beverage')
    expect(
      await importSurpriseRows(m.deps, leader, file, { dryRun: false, keepGoodRows: false }),
    ).toMatchObject({
      added: 0,
      updated: 0,
      unchanged: 2,
    })
    const changed = { rows: [row(2, { title: 'Bottle of wine', cost: 99 }), row(3)], errors: [], total: 2 }
    expect(
      await importSurpriseRows(m.deps, leader, changed, { dryRun: false, keepGoodRows: false }),
    ).toMatchObject({
      added: 0,
      updated: 1,
      unchanged: 1,
    })
    expect(m.items.size).toBe(2)
    const dup = { rows: [row(2), row(3, { sourceKey: 'key:K2' })], errors: [], total: 2 }
    const r = await importSurpriseRows(m.deps, leader, dup, { dryRun: false, keepGoodRows: false })
    expect(r).toMatchObject({
      status: 'rejected',
      errors: [{ row: 3, reason: 'the same item as row 2 (same key)' }],
    })
  })

  it('lets a keyed row adopt an item first made by hand under the same title', async () => {
    const m = memoryCatalogue()
    await importSurpriseRows(
      m.deps,
      leader,
      { rows: [row(2, { sourceKey: 'title:item 2' })], errors: [], total: 1 },
      { dryRun: false, keepGoodRows: false },
    )
    const r = await importSurpriseRows(
      m.deps,
      leader,
      { rows: [row(2)], errors: [], total: 1 },
      { dryRun: false, keepGoodRows: false },
    )
    expect(r).toMatchObject({ added: 0, updated: 1 })
    expect([...m.items.values()].map((i) => i.sourceKey)).toEqual(['key:K2'])
  })

  it('is for leaders and admins', async () => {
    const m = memoryCatalogue()
    await expect(
      importSurpriseRows(
        m.deps,
        service,
        { rows: [], errors: [], total: 0 },
        { dryRun: true, keepGoodRows: false },
      ),
    ).rejects.toMatchObject({ code: 'forbidden' })
  })
})

describe('removing an item', () => {
  it('deletes one nobody received, and only takes out one a customer already got', async () => {
    const m = memoryCatalogue()
    await importSurpriseRows(
      m.deps,
      leader,
      { rows: [row(2), row(3)], errors: [], total: 2 },
      { dryRun: false, keepGoodRows: false },
    )
    const [a, b] = [...m.items.keys()]
    m.given.set(b!, 1)
    expect(await removeSurpriseItem(m.deps, leader, a!)).toEqual({ outcome: 'deleted', timesGiven: 0 })
    expect(await removeSurpriseItem(m.deps, leader, b!)).toEqual({ outcome: 'deactivated', timesGiven: 1 })
    expect([...m.items.values()].map((i) => i.active)).toEqual([false])
  })
})
