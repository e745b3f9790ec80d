import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import type { Actor } from '../workspaces/roles.ts'
import { mainPersonOf } from './affected-person.ts'
import { memoryRecovery } from './memory-recovery.ts'
import { openOops } from './open-oops.ts'
import { readOops } from './read-oops.ts'
import { recordContact } from './record-contact.ts'
import { recordFix } from './record-recovery-step.ts'

const sam: Actor & { name: string } = { userId: 'u-sam', label: 'sam@x', role: 'service', name: 'Sam Reyes' }
const maya: Actor & { name: string } = { userId: 'u-maya', label: 'maya@x', role: 'admin', name: 'Maya Chen' }

/** A customer with the given people (name → email or null), Sam in service, Maya the admin. */
const setup = (people: Record<string, string | null>) => {
  const mem = memoryRecovery()
  mem.addCustomer('c1', 'Harbour Wines', { tier: 'A', kind: 'organisation' })
  for (const [i, [name, email]] of Object.entries(people).entries())
    mem.addPerson('c1', `p${i + 1}`, name, email)
  mem.addMember('u-sam', 'service', 'Sam Reyes')
  mem.addMember('u-maya', 'admin', 'Maya Chen')
  const clock = fixedClock('2026-06-01T09:00:00Z')
  const deps = mem.deps(clock)
  const open = (personId?: string | null) =>
    openOops(deps, sam, {
      customerId: 'c1',
      ...(personId !== undefined ? { personId } : {}),
      type: 'billing_mistake',
      description: 'Trade discount left off the last two invoices',
      severity: 'high',
    })
  /** fixed and closed with the final resolution, by `by` */
  const close = async (id: string, by = sam, emailTo?: string) => {
    await recordFix(deps, by, { oopsId: id, note: 'Credit note issued' })
    return recordContact(deps, by, {
      oopsId: id,
      kind: 'final_resolution',
      channel: 'phone',
      message: 'It is put right.',
      sendEmail: false,
      ...(emailTo ? { emailTo } : {}),
    })
  }
  return { mem, deps, open, close }
}

describe('the affected person of a new OOPS!', () => {
  it("defaults to the customer's main person: the first with an email address", async () => {
    const { deps, open } = setup({
      'Ben Ode': null,
      'Grace Lee': 'grace@harbour.test',
      'Ada Ng': 'ada@x.test',
    })
    const o = await readOops(deps, sam, await open())
    expect(o).toMatchObject({ personName: 'Grace Lee', personEmail: 'grace@harbour.test' })
  })

  it('takes the first person recorded when nobody has an address, and nobody when asked for nobody', async () => {
    const { deps, open } = setup({ 'Ben Ode': null, 'Ada Ng': null })
    expect((await readOops(deps, sam, await open())).personName).toBe('Ben Ode')
    expect((await readOops(deps, sam, await open(null))).personName).toBeNull()
  })

  it('is nobody for a customer with no people', async () => {
    const { deps, open } = setup({})
    expect((await readOops(deps, sam, await open())).personName).toBeNull()
    expect(mainPersonOf([])).toBeUndefined()
  })
})

describe('how the "did we blow you away?" link went out', () => {
  it('keeps that it was emailed, and to whom', async () => {
    const { mem, deps, open, close } = setup({ 'Grace Lee': 'grace@harbour.test' })
    const id = await open()
    const done = await close(id)
    expect(done.feedbackLink).toMatch(/feedback\/wow_/)
    const o = await readOops(deps, sam, id)
    expect(o.feedback).toMatchObject({
      delivery: 'emailed',
      sentTo: 'grace@harbour.test',
      askedAt: deps.clock.now(),
      sentAt: deps.clock.now(),
      answeredAt: null,
    })
    expect(mem.sent.at(-1)?.to).toBe('grace@harbour.test')
  })

  it('says the link was only made to copy when there is no address: nothing was sent', async () => {
    const { mem, deps, open, close } = setup({})
    const id = await open()
    await close(id)
    expect((await readOops(deps, sam, id)).feedback).toMatchObject({
      delivery: 'link_only',
      sentTo: null,
      sentAt: null,
      askedAt: deps.clock.now(),
    })
    expect(mem.sent).toEqual([])
  })

  it('keeps a failed email as failed, with the address it was meant for', async () => {
    const { mem, deps, open, close } = setup({ 'Grace Lee': 'grace@harbour.test' })
    const id = await open()
    mem.mailFailures.next = 1
    const done = await close(id)
    expect(done.feedbackEmailError).toBeInstanceOf(Error)
    expect((await readOops(deps, sam, id)).feedback).toMatchObject({
      delivery: 'email_failed',
      sentTo: 'grace@harbour.test',
      sentAt: null,
    })
  })

  it('emails the address given for the resolution when the person has none', async () => {
    const { deps, open, close } = setup({ 'Ben Ode': null })
    const id = await open()
    await close(id, sam, 'ben@harbour.test')
    expect((await readOops(deps, sam, id)).feedback).toMatchObject({
      delivery: 'emailed',
      sentTo: 'ben@harbour.test',
    })
  })

  it("is signed by the case's owner when an admin closes a colleague's case, saying who sent it", async () => {
    const { mem, open, close } = setup({ 'Grace Lee': 'grace@harbour.test' })
    const id = await open()
    await close(id, maya)
    const text = mem.sent.at(-1)!.text
    expect(text.endsWith('\n\nSam Reyes\n(sent on Sam’s behalf by Maya Chen)')).toBe(true)
    expect(text).not.toMatch(/\n\nMaya Chen$/)
  })
})
