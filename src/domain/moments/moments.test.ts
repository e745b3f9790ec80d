import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import type { SurpriseItem } from '../recovery/surprise-catalogue.ts'
import type { Actor } from '../workspaces/roles.ts'
import {
  actOnMoment,
  dismissMoment,
  findMoments,
  momentScoreboard,
  readCustomerMoments,
  readMoments,
  remindMoment,
} from './manage-moments.ts'
import { memoryMoments } from './memory-moments.ts'
import { findMomentsOf, type MomentCustomer, momentCounts, momentTiers, nextYearly } from './moment.ts'

const NOW = new Date('2027-03-10T09:00:00Z')
const day = (s: string) => new Date(`${s}T10:00:00Z`)
const sofia: Actor = { userId: 'u-sofia', label: 'sofia@x', role: 'sales' }
const sam: Actor = { userId: 'u-sam', label: 'sam@x', role: 'service' }
const leo: Actor = { userId: 'u-leo', label: 'leo@x', role: 'leader' }
const nora: Actor = { userId: 'u-nora', label: 'nora@x', role: 'marketing' }

const acme: MomentCustomer & { ownerName: string } = {
  id: 'c-acme',
  name: 'Acme Outdoor',
  tier: 'A',
  segment: null,
  ownerUserId: 'u-sofia',
  ownerName: 'Sofia',
  currency: 'GBP',
  firstPurchaseAt: day('2024-03-20'),
  medianGapDays: 10,
}
const tierC: MomentCustomer = { ...acme, id: 'c-small', name: 'Small Shop', tier: 'C', ownerUserId: null }

const item = (id: string, title: string, cost: number, tags: string[]): SurpriseItem => ({
  id,
  title,
  description: null,
  cost,
  leadTimeHours: 48,
  kind: 'gift',
  tags,
  concepts: '',
  active: true,
  sourceKey: null,
  createdAt: NOW,
})

const family = {
  customerId: 'c-acme',
  relationId: 'r-poppy',
  kind: 'child',
  name: 'Poppy',
  personId: 'p-eleanor',
  personName: 'Eleanor',
  birthday: '2015-03-24',
}

const setup = () =>
  memoryMoments({
    customers: [acme, tierC],
    relations: [family, { ...family, customerId: 'c-small', relationId: 'r-x', name: 'Xavier' }],
    secrets: [
      {
        customerId: 'c-acme',
        secretId: 's-marathon',
        text: 'Eleanor is running the Boston marathon in April',
        personId: 'p-eleanor',
        category: 'interests',
      },
      {
        customerId: 'c-acme',
        secretId: 's-tea',
        text: 'Poppy collects rare loose-leaf tea',
        personId: null,
        category: 'interests',
      },
    ],
    items: [
      item('i-tea', 'Rare loose-leaf tea collection', 40, ['tea']),
      item('i-yacht', 'A weekend on a yacht with tea', 5000, ['tea', 'sailing']),
    ],
    admins: ['u-maya'],
  })

describe('finding moments', () => {
  it('finds a family birthday in the coming weeks, due on the day, reminded three days before', () => {
    const [m] = findMomentsOf(
      { customers: [acme], orders: [], relations: [family], secrets: [] },
      NOW,
    ).filter((x) => x.kind === 'birthday')
    expect(m).toMatchObject({
      onDate: '2027-03-24',
      ownerUserId: 'u-sofia',
      title: 'Poppy’s birthday (Eleanor’s child) on 24 March',
    })
    expect(m!.dueAt.toISOString()).toBe('2027-03-24T00:00:00.000Z')
    expect(m!.remindAt.toISOString()).toBe('2027-03-21T00:00:00.000Z')
  })

  it('finds the anniversary with us of the first purchase, counting the years', () => {
    const ms = findMomentsOf({ customers: [acme], orders: [], relations: [], secrets: [] }, NOW)
    expect(ms.map((m) => m.title)).toEqual(['3 years with us on 20 March (first order 20 March 2024)'])
  })

  it('reads dates inside secrets without copying the secret into the title', () => {
    const ms = findMomentsOf(
      {
        customers: [acme],
        orders: [],
        relations: [],
        secrets: [
          {
            customerId: 'c-acme',
            secretId: 's1',
            text: 'Running the Boston marathon in April',
            personId: null,
          },
          { customerId: 'c-acme', secretId: 's2', text: "Daughter's wedding on 12 June", personId: null },
        ],
      },
      NOW,
    ).filter((m) => m.kind === 'secret_date')
    // June is beyond the 45 days ahead; April starts within them
    expect(ms.map((m) => [m.onDate, m.title])).toEqual([['2027-04-01', 'April: a date they told us about']])
  })

  it('finds a return after a gap well beyond their own cadence, and not an ordinary order', () => {
    const orders = ['2026-11-01', '2026-11-11', '2026-11-21', '2027-03-05'].map((d) => ({
      customerId: 'c-acme',
      at: day(d),
      amount: 100,
    }))
    const ms = findMomentsOf({ customers: [acme], orders, relations: [], secrets: [] }, NOW)
    const back = ms.find((m) => m.kind === 'return')
    expect(back).toMatchObject({
      onDate: '2027-03-05',
      title: 'Back after 104 days away (they usually order every 10 days)',
    })
    expect(back!.dueAt.toISOString().slice(0, 10)).toBe('2027-03-12')
    const usual = findMomentsOf(
      {
        customers: [acme],
        orders: orders
          .slice(0, 3)
          .concat({ customerId: 'c-acme', at: day('2027-03-05'), amount: 1 })
          .map((o, i) => (i === 3 ? o : { ...o, at: day(['2027-02-13', '2027-02-23', '2027-03-01'][i]!) })),
        relations: [],
        secrets: [],
      },
      NOW,
    )
    expect(usual.some((m) => m.kind === 'return')).toBe(false)
  })

  it('finds the 10th order and a revenue threshold crossed in the last two weeks', () => {
    const orders = Array.from({ length: 10 }, (_, i) => ({
      customerId: 'c-acme',
      at: new Date(day('2027-01-01').getTime() + i * 7 * 86_400_000),
      amount: i === 9 ? 9_000 : 200,
    }))
    orders[9]!.at = day('2027-03-08')
    const ms = findMomentsOf({ customers: [acme], orders, relations: [], secrets: [] }, NOW)
    expect(ms.filter((m) => m.kind.endsWith('milestone')).map((m) => m.title)).toEqual([
      'Their 10th order, on 8 March',
      '£10,000 bought from us in all, passed on 8 March',
    ])
  })

  it('gives moments to tier A, and to a tier whose recovery plan is as rich as tier A’s', () => {
    const plan = (tier: 'A' | 'B' | null, investmentCap: number) => ({ tier, segment: null, investmentCap })
    expect(momentTiers([plan('A', 250), plan('B', 100), plan(null, 30)])).toEqual(['A'])
    expect(momentTiers([plan('A', 250), plan('B', 250)])).toEqual(['A', 'B'])
    expect(momentTiers([])).toEqual(['A'])
  })

  it('gives a return noticed late two days’ notice, and a birthday tomorrow its own day', () => {
    const orders = ['2027-01-01', '2027-01-11', '2027-01-21', '2027-02-28'].map((d) => ({
      customerId: 'c-acme',
      at: day(d),
      amount: 100,
    }))
    const ms = findMomentsOf(
      { customers: [acme], orders, relations: [{ ...family, birthday: '2015-03-11' }], secrets: [] },
      NOW,
    )
    expect(
      ms
        .find((m) => m.kind === 'return')!
        .dueAt.toISOString()
        .slice(0, 10),
    ).toBe('2027-03-12')
    expect(
      ms
        .find((m) => m.kind === 'birthday')!
        .dueAt.toISOString()
        .slice(0, 10),
    ).toBe('2027-03-11')
  })

  it('takes 29 February to the 28th in a year without one', () => {
    expect(nextYearly(2, 29, NOW).toISOString().slice(0, 10)).toBe('2028-02-29')
    expect(nextYearly(2, 29, new Date('2028-03-01')).toISOString().slice(0, 10)).toBe('2029-02-28')
  })
})

describe('the moments use-cases', () => {
  it('stores each moment once with a suggested act from the secrets within the tier budget, and one reminder', async () => {
    const mem = setup()
    const deps = mem.deps(fixedClock(NOW))
    const first = await findMoments(deps, sofia)
    const again = await findMoments(deps, null)
    expect(first.added).toBe(3) // Poppy's birthday, the anniversary, the marathon in April
    expect(again.added).toBe(0)
    expect(mem.moments.size).toBe(3)
    expect(mem.reminders.size).toBe(3)
    // the tier-C customer's family gets no moment
    expect([...mem.moments.values()].every((m) => m.customerId === 'c-acme')).toBe(true)
    const birthday = [...mem.moments.values()].find((m) => m.kind === 'birthday')!
    expect(birthday.suggestion).toMatchObject({ budget: 250, planName: 'Tier A — the precious few' })
    expect(birthday.suggestion!.act).toMatchObject({ title: 'Rare loose-leaf tea collection', cost: 40 })
    expect(birthday.suggestion!.act!.reason).toContain('Poppy collects rare loose-leaf tea')
    // the yacht is over the tier's budget: never suggested
    expect([...mem.moments.values()].some((m) => m.suggestion?.act?.itemId === 'i-yacht')).toBe(false)
    expect(mem.finds).toHaveLength(1)
    expect(mem.audit.map((e) => e.action)).toEqual(['moment.found'])
  })

  it('lists my moments soonest first with counts, and audits the read of secret text', async () => {
    const mem = setup()
    const deps = mem.deps(fixedClock(NOW))
    await findMoments(deps, null)
    const mine = await readMoments(deps, sofia, { owner: 'me', status: 'open', limit: 50 })
    expect(mine.moments.map((m) => m.kind)).toEqual(['customer_anniversary', 'birthday', 'secret_date'])
    expect(mine.moments[2]!.secretText).toBe('Eleanor is running the Boston marathon in April')
    expect(mine.counts).toMatchObject({ due: 3, actedInTime: 0, missed: 0 })
    expect(mem.audit.at(-1)).toMatchObject({
      action: 'secrets.read_manual',
      details: { view: 'moments', moments: 3 },
    })
    expect((await readMoments(deps, sam, { owner: 'me', status: 'open', limit: 50 })).moments).toEqual([])
  })

  it('lets leaders see the team, and no one else', async () => {
    const mem = setup()
    const deps = mem.deps(fixedClock(NOW))
    await findMoments(deps, null)
    expect((await readMoments(deps, leo, { owner: 'team', status: 'all', limit: 50 })).moments).toHaveLength(
      3,
    )
    await expect(readMoments(deps, sofia, { owner: 'team', status: 'all', limit: 50 })).rejects.toMatchObject(
      {
        code: 'forbidden',
      },
    )
    await expect(
      readMoments(deps, sam, { owner: 'u-sofia', status: 'all', limit: 50 }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    })
  })

  it('records what was done once, in time, with a note; a second time is refused', async () => {
    const clock = fixedClock(NOW)
    const mem = setup()
    const deps = mem.deps(clock)
    await findMoments(deps, null)
    const b = [...mem.moments.values()].find((m) => m.kind === 'birthday')!
    const done = await actOnMoment(deps, sofia, b.id, 'Sent Poppy the tea set with a card')
    expect(done).toMatchObject({
      status: 'done',
      state: 'done_in_time',
      note: 'Sent Poppy the tea set with a card',
    })
    expect(mem.audit.at(-1)).toMatchObject({
      action: 'moment.acted',
      details: { inTime: true, withNote: true },
    })
    expect(JSON.stringify(mem.audit.at(-1))).not.toContain('tea set')
    await expect(actOnMoment(deps, sofia, b.id, null)).rejects.toMatchObject({ code: 'moment_closed' })
    await expect(dismissMoment(deps, leo, b.id, null)).rejects.toMatchObject({ code: 'moment_closed' })
  })

  it('refuses an unknown moment, someone else’s account, a role that may not write, a note too long', async () => {
    const mem = setup()
    const deps = mem.deps(fixedClock(NOW))
    await findMoments(deps, null)
    const id = [...mem.moments.keys()][0]!
    await expect(actOnMoment(deps, sofia, 'nope', null)).rejects.toMatchObject({ code: 'moment_not_found' })
    await expect(actOnMoment(deps, sam, id, null)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(actOnMoment(deps, nora, id, null)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(actOnMoment(deps, sofia, id, 'x'.repeat(1001))).rejects.toMatchObject({
      code: 'invalid_input',
    })
    expect([...mem.moments.values()].every((m) => m.status === 'open')).toBe(true)
    // a leader may dismiss it
    expect(await dismissMoment(deps, leo, id, 'Handled at the trade show')).toMatchObject({
      status: 'dismissed',
    })
  })

  it('reminds the owner once, only while the moment is open', async () => {
    const mem = setup()
    const deps = mem.deps(fixedClock(NOW))
    await findMoments(deps, null)
    const [a, b] = [...mem.moments.keys()]
    expect(await remindMoment(deps, a!)).toBe('sent')
    expect(await remindMoment(deps, a!)).toBe('skipped')
    await actOnMoment(deps, sofia, b!, null)
    expect(await remindMoment(deps, b!)).toBe('skipped')
    expect(mem.notifications).toHaveLength(1)
    expect(mem.notifications[0]).toMatchObject({ userId: 'u-sofia' })
    expect(mem.notifications[0]!.title).toContain('Acme Outdoor')
  })

  it('counts moments due, acted on in time and missed for the scoreboard', async () => {
    const clock = fixedClock(NOW)
    const mem = setup()
    const deps = mem.deps(clock)
    await findMoments(deps, null)
    const byKind = (k: string) => [...mem.moments.values()].find((m) => m.kind === k)!.id
    await actOnMoment(deps, sofia, byKind('customer_anniversary'), 'Called Eleanor to say thank you')
    clock.advance(20 * 86_400_000) // 30 March: the birthday has passed unmarked
    expect(await momentScoreboard(deps, nora)).toMatchObject({ due: 1, actedInTime: 1, missed: 1 })
    expect(momentCounts([], NOW)).toMatchObject({ due: 0, actedInTime: 0, missed: 0 })
  })

  it('reads one customer’s moments, and refuses a customer not in the workspace', async () => {
    const mem = setup()
    const deps = mem.deps(fixedClock(NOW))
    await findMoments(deps, null)
    expect(await readCustomerMoments(deps, sam, 'c-acme')).toHaveLength(3)
    await expect(readCustomerMoments(deps, sam, 'c-other')).rejects.toMatchObject({
      code: 'customer_not_found',
    })
  })
})
