import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import type { Actor } from '../workspaces/roles.ts'
import { memoryRecovery } from './memory-recovery.ts'
import { openOops } from './open-oops.ts'
import { readMyRecoveries } from './read-my-recoveries.ts'

const HOUR = 3_600_000
const sam: Actor & { name: string } = { userId: 'u-sam', label: 'sam@x', role: 'service', name: 'Sam Reyes' }
const leo: Actor = { userId: 'u-leo', label: 'leo@x', role: 'leader' }

describe('what needs me now: my open recoveries', () => {
  it('lists only mine, breached first, then at risk, then by deadline, each with the contact step it owes', async () => {
    const mem = memoryRecovery()
    mem.addCustomer('c1', 'Harbour Wines', { tier: 'A', kind: 'organisation' })
    mem.addPerson('c1', 'p1', 'Grace Lee', 'grace@harbour.test')
    mem.addMember('u-sam', 'service', 'Sam Reyes')
    mem.addMember('u-leo', 'leader', 'Leo')
    const clock = fixedClock('2026-06-01T09:00:00Z')
    const deps = mem.deps(clock)
    const open = (hoursAgo: number, owner = 'u-sam') =>
      openOops(deps, owner === 'u-sam' ? sam : leo, {
        customerId: 'c1',
        personId: 'p1',
        type: 'late_delivery',
        description: 'The case arrived late',
        severity: 'high',
        letDownAt: new Date(clock.now().getTime() - hoursAgo * HOUR),
        ownerUserId: owner,
      })
    const fresh = await open(1)
    const breached = await open(30)
    const atRisk = await open(20)
    await open(2, 'u-leo')

    const mine = await readMyRecoveries({ reads: deps.reads, clock }, sam)
    expect(mine.oops.map((o) => [o.id, o.clock.state])).toEqual([
      [breached, 'breached'],
      [atRisk, 'at_risk'],
      [fresh, 'on_track'],
    ])
    expect(mine.counts).toMatchObject({ open: 3, breached: 1, atRisk: 1 })
    // nobody has been contacted yet: the first contact is owed on each
    expect(mine.oops.every((o) => o.due.some((d) => d.kind === 'first_contact'))).toBe(true)
    expect(mine.more).toBe(false)
    expect((await readMyRecoveries({ reads: deps.reads, clock }, leo)).oops).toHaveLength(1)
  })
})
