import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import { refusal } from '../testing/refusal.ts'
import type { Actor } from '../workspaces/roles.ts'
import { addPerson, changePerson, removePerson } from './add-person.ts'
import { addRelation, removeRelation } from './add-relation.ts'
import { changeCustomer } from './change-customer.ts'
import { createCustomer } from './create-customer.ts'
import { importCustomerRow } from './import-customers.ts'
import { memoryCustomers } from './memory-customers.ts'
import { readCustomer, readPurchases } from './read-customer.ts'

const sofia: Actor = { userId: 'u-sofia', label: 'sofia@x', role: 'sales' }
const sam: Actor = { userId: 'u-sam', label: 'sam@x', role: 'service' }
const nora: Actor = { userId: 'u-nora', label: 'nora@x', role: 'marketing' }

const setup = () => {
  const mem = memoryCustomers({ members: ['u-sofia', 'u-sam'] })
  const clock = fixedClock('2026-06-01T10:00:00Z')
  const deps = { customers: mem.port, value: mem.value, audit: mem.audit, clock }
  return { mem, clock, deps }
}

describe('creating a customer', () => {
  it('adds the customer, works the value tiers out again without summing anyone, and audits it without its name', async () => {
    const { mem, deps } = setup()
    const c = await createCustomer(deps, sofia, {
      kind: 'organisation',
      name: 'Hartley & Finch',
      externalId: 'HF-1',
      ownerUserId: 'u-sofia',
    })
    expect(c).toMatchObject({ name: 'Hartley & Finch', externalId: 'HF-1', ownerUserId: 'u-sofia' })
    expect(mem.recomputes).toEqual([{ at: new Date('2026-06-01T10:00:00Z'), changed: [] }])
    expect(mem.events).toEqual([
      expect.objectContaining({ action: 'customer.created', targetId: c.id, actorUserId: 'u-sofia' }),
    ])
    expect(JSON.stringify(mem.events)).not.toContain('Hartley')
  })

  it('refuses an external id another customer already has', async () => {
    const { deps } = setup()
    await createCustomer(deps, sofia, { kind: 'organisation', name: 'A', externalId: 'X1' })
    const e = await refusal(
      createCustomer(deps, sofia, { kind: 'organisation', name: 'B', externalId: 'X1' }),
    )
    expect(e).toBe('external_id_taken')
  })

  it('refuses an owner who is not a member of the workspace, naming the field', async () => {
    const { mem, deps } = setup()
    await expect(
      createCustomer(deps, sofia, { kind: 'person', name: 'Ada', ownerUserId: 'u-elsewhere' }),
    ).rejects.toMatchObject({ code: 'member_not_found', details: { field: 'ownerUserId' } })
    expect(mem.events).toEqual([])
  })

  it('is not for marketing', async () => {
    const { deps } = setup()
    expect(await refusal(createCustomer(deps, nora, { kind: 'person', name: 'Ada' }))).toBe('forbidden')
  })
})

describe('changing a customer', () => {
  it('changes it and audits the fields changed, not their values', async () => {
    const { mem, deps } = setup()
    const c = await createCustomer(deps, sofia, { kind: 'organisation', name: 'Globex' })
    const changed = await changeCustomer(deps, sam, c.id, { segment: 'Retail', notes: 'likes mornings' })
    expect(changed).toMatchObject({ segment: 'Retail', notes: 'likes mornings' })
    expect(mem.events.at(-1)).toMatchObject({
      action: 'customer.changed',
      targetId: c.id,
      details: { fields: ['segment', 'notes'] },
    })
    expect(JSON.stringify(mem.events)).not.toContain('mornings')
  })

  it('keeps its own external id and lets it keep an owner who has since left the workspace', async () => {
    const { mem, deps } = setup()
    const c = await createCustomer(deps, sofia, { kind: 'organisation', name: 'G', externalId: 'G1' })
    await mem.port.update(c.id, { ownerUserId: 'u-gone' })
    const changed = await changeCustomer(deps, sofia, c.id, {
      externalId: 'G1',
      ownerUserId: 'u-gone',
      name: 'G2',
    })
    expect(changed).toMatchObject({ name: 'G2', ownerUserId: 'u-gone' })
  })

  it("refuses another customer's external id and an owner from outside", async () => {
    const { deps } = setup()
    await createCustomer(deps, sofia, { kind: 'organisation', name: 'A', externalId: 'A1' })
    const b = await createCustomer(deps, sofia, { kind: 'organisation', name: 'B' })
    expect(await refusal(changeCustomer(deps, sofia, b.id, { externalId: 'A1' }))).toBe('external_id_taken')
    expect(await refusal(changeCustomer(deps, sofia, b.id, { ownerUserId: 'u-x' }))).toBe('member_not_found')
  })

  it('changes nothing on a customer erased on request', async () => {
    const { mem, deps, clock } = setup()
    const c = await createCustomer(deps, sofia, { kind: 'person', name: 'Ada' })
    mem.erase(c.id, clock.now())
    const e = await refusal(changeCustomer(deps, sofia, c.id, { name: 'Ada again' }))
    expect(e).toBe('invalid_input')
    expect((await readCustomer(deps, sofia, c.id)).name).toBe('Ada')
  })

  it('answers customer_not_found for a customer of no one', async () => {
    const { deps } = setup()
    expect(await refusal(changeCustomer(deps, sofia, 'nope', { name: 'x' }))).toBe('customer_not_found')
    expect(await refusal(readPurchases(deps, sofia, 'nope', { page: 1, pageSize: 10 }))).toBe(
      'customer_not_found',
    )
  })
})

describe("a customer's people and family", () => {
  it('adds, changes and removes a person, each audited by id without the name', async () => {
    const { mem, deps } = setup()
    const c = await createCustomer(deps, sofia, { kind: 'organisation', name: 'Initech' })
    const p = await addPerson(deps, sofia, c.id, { name: 'Grace Lee', title: 'Buyer' })
    await changePerson(deps, sofia, c.id, p.id, { title: 'Head buyer' })
    expect((await readCustomer(deps, sofia, c.id)).people).toEqual([
      { id: p.id, name: 'Grace Lee', title: 'Head buyer', email: null, phone: null },
    ])
    await removePerson(deps, sofia, c.id, p.id)
    expect((await readCustomer(deps, sofia, c.id)).people).toEqual([])
    expect(mem.events.map((e) => e.action)).toEqual([
      'customer.created',
      'customer.person_added',
      'customer.person_changed',
      'customer.person_removed',
    ])
    expect(JSON.stringify(mem.events)).not.toContain('Grace')
  })

  it('answers person_not_found for a person the customer does not have', async () => {
    const { deps } = setup()
    const c = await createCustomer(deps, sofia, { kind: 'organisation', name: 'Initech' })
    expect(await refusal(changePerson(deps, sofia, c.id, 'p-x', { name: 'x' }))).toBe('person_not_found')
    expect(await refusal(removePerson(deps, sofia, c.id, 'p-x'))).toBe('person_not_found')
  })

  it("adds family of the customer or of one of its people, never of another customer's person", async () => {
    const { mem, deps } = setup()
    const a = await createCustomer(deps, sofia, { kind: 'organisation', name: 'A' })
    const b = await createCustomer(deps, sofia, { kind: 'organisation', name: 'B' })
    const grace = await addPerson(deps, sofia, a.id, { name: 'Grace' })
    const r = await addRelation(deps, sofia, a.id, { kind: 'spouse', name: 'Tom', personId: grace.id })
    expect(r).toMatchObject({ kind: 'spouse', name: 'Tom', personId: grace.id })
    const e = await refusal(
      addRelation(deps, sofia, b.id, { kind: 'child', name: 'Mia', personId: grace.id }),
    )
    expect(e).toBe('person_not_found')
    await removeRelation(deps, sofia, a.id, r.id)
    expect((await readCustomer(deps, sofia, a.id)).relations).toEqual([])
    expect(await refusal(removeRelation(deps, sofia, a.id, r.id))).toBe('relation_not_found')
    expect(mem.events.filter((x) => x.action.startsWith('customer.relation'))).toEqual([
      expect.objectContaining({
        action: 'customer.relation_added',
        details: { relationId: r.id, kind: 'spouse' },
      }),
      expect.objectContaining({ action: 'customer.relation_removed', details: { relationId: r.id } }),
    ])
  })

  it('adds no one to a customer erased on request', async () => {
    const { mem, deps, clock } = setup()
    const c = await createCustomer(deps, sofia, { kind: 'person', name: 'Ada' })
    mem.erase(c.id, clock.now())
    expect(await refusal(addPerson(deps, sofia, c.id, { name: 'Tom' }))).toBe('invalid_input')
    expect(await refusal(addRelation(deps, sofia, c.id, { kind: 'child', name: 'Mia' }))).toBe(
      'invalid_input',
    )
  })
})

describe('a row of a customers file', () => {
  const row = {
    externalId: 'K-7',
    name: 'Kestrel Ltd',
    kind: 'organisation' as const,
    segment: 'Retail',
    country: 'UK',
    ownerEmail: 'sofia@x',
    notes: null,
    estimatedCategorySpend: 1000,
    person: { name: 'Grace Lee', title: 'Buyer', email: null, phone: null },
    family: [
      { kind: 'spouse' as const, name: 'Tom' },
      { kind: 'child' as const, name: 'Mia' },
    ],
  }
  const ctx = {
    ownerIdOf: (email: string) => (email === 'sofia@x' ? 'u-sofia' : undefined),
    currency: 'EUR',
    headerOf: () => 'Owner',
  }

  it('adds the customer with its owner, contact and family, and adds nothing twice when imported again', async () => {
    const { mem } = setup()
    const first = await importCustomerRow({ customers: mem.importPort }, row, ctx)
    expect(first.kind).toBe('added')
    const again = await importCustomerRow({ customers: mem.importPort }, { ...row, name: 'Kestrel plc' }, ctx)
    expect(again).toEqual({ kind: 'updated', customerId: first.kind === 'added' ? first.customerId : '' })
    const c = (await mem.port.get(again.kind === 'updated' ? again.customerId : ''))!
    expect(c).toMatchObject({ name: 'Kestrel plc', ownerUserId: 'u-sofia', currency: 'EUR' })
    expect(c.people.map((p) => p.name)).toEqual(['Grace Lee'])
    expect(c.relations.map((r) => [r.kind, r.name, r.personId])).toEqual([
      ['spouse', 'Tom', c.people[0]!.id],
      ['child', 'Mia', c.people[0]!.id],
    ])
  })

  it('refuses an owner who is not a member of the workspace, naming the column', async () => {
    const { mem } = setup()
    const r = await importCustomerRow({ customers: mem.importPort }, { ...row, ownerEmail: 'who@else' }, ctx)
    expect(r).toEqual({
      kind: 'error',
      problems: [{ column: 'Owner', reason: 'no member of this workspace has the email who@else' }],
    })
    expect((await mem.port.list({ sort: 'name', dir: 'asc', page: 1, pageSize: 10 })).customers).toEqual([])
  })
})
