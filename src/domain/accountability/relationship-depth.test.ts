import { describe, expect, it } from 'vitest'
import type { Actor } from '../workspaces/roles.ts'
import { markClue } from './mark-clue.ts'
import { memoryDepthDeps } from './memory-depth.ts'
import { readCustomerDepth, readDepthOverview } from './read-relationship-depth.ts'
import {
  type ClueKind,
  type ClueMark,
  cluesOn,
  depthHistory,
  depthOn,
  depthOverview,
  depthTrend,
  latestToday,
  nextClue,
} from './relationship-depth.ts'

let n = 0
const mark = (
  clue: ClueKind,
  holds: boolean,
  since: string,
  recordedAt = `${since}T12:00:00Z`,
): ClueMark => ({
  id: `m${++n}`,
  clue,
  holds,
  since,
  evidence: 'seen',
  recordedBy: 'u1',
  recordedByName: 'Sam',
  recordedAt: new Date(recordedAt),
})

describe('relationship depth', () => {
  it('counts the clues whose latest mark on or before the day holds', () => {
    const marks = [
      mark('strategic_planning', true, '2026-01-10'),
      mark('office_on_premises', true, '2026-03-01'),
      mark('strategic_planning', false, '2026-06-01'),
      mark('no_rfp', false, '2026-02-01'),
    ]
    expect(depthOn(marks, '2026-01-09')).toBe(0)
    expect(depthOn(marks, '2026-01-10')).toBe(1)
    expect(depthOn(marks, '2026-03-01')).toBe(2)
    expect(depthOn(marks, '2026-06-01')).toBe(1)
    expect(depthOn(marks)).toBe(1)
    expect(cluesOn(marks).map((s) => s.holds)).toEqual([false, true, false, false])
  })

  it('on the same day, the later recording wins, whatever order the marks come in', () => {
    const a = mark('no_rfp', true, '2026-05-01', '2026-05-01T09:00:00Z')
    const b = mark('no_rfp', false, '2026-05-01', '2026-05-02T09:00:00Z')
    expect(depthOn([a, b])).toBe(0)
    expect(depthOn([b, a])).toBe(0)
  })

  it('keeps a history of depth changes only, oldest first', () => {
    const marks = [
      mark('strategic_planning', true, '2026-01-10'),
      mark('strategic_planning', true, '2026-02-10'),
      mark('no_rfp', true, '2026-03-10'),
      mark('no_rfp', false, '2026-04-10'),
    ]
    expect(depthHistory(marks)).toEqual([
      { day: '2026-01-10', depth: 1 },
      { day: '2026-03-10', depth: 2 },
      { day: '2026-04-10', depth: 1 },
    ])
  })

  it('compares depth now with depth 90 days before', () => {
    const marks = [
      mark('strategic_planning', true, '2026-01-01'),
      mark('office_on_premises', true, '2026-11-01'),
      mark('no_rfp', true, '2026-11-15'),
    ]
    expect(depthTrend(marks, '2026-12-02')).toEqual({ now: 3, before: 1, change: 2, trend: 'climbing' })
    const lost = [
      ...marks,
      mark('strategic_planning', false, '2026-11-20'),
      mark('office_on_premises', false, '2026-11-21'),
      mark('no_rfp', false, '2026-11-22'),
    ]
    expect(depthTrend(lost, '2026-12-02').trend).toBe('slipping')
    // a change older than the window is steady now
    expect(depthTrend(marks, '2027-06-01')).toMatchObject({ change: 0, trend: 'steady' })
  })

  describe('next clue', () => {
    it('climbs the ladder in the source order when nothing was lost lately', () => {
      expect(nextClue([], '2026-12-02')).toMatchObject({ clue: 'strategic_planning', reason: 'ladder' })
      expect(nextClue([mark('strategic_planning', true, '2026-01-01')], '2026-12-02')).toMatchObject({
        clue: 'office_on_premises',
        reason: 'ladder',
      })
      const three = [
        mark('strategic_planning', true, '2026-01-01'),
        mark('office_on_premises', true, '2026-01-01'),
        mark('not_a_salesperson', true, '2026-01-01'),
      ]
      expect(nextClue(three, '2026-12-02')?.clue).toBe('no_rfp')
    })

    it('wins back the clue lost most recently within 90 days before anything new', () => {
      const marks = [
        mark('no_rfp', true, '2026-01-01'),
        mark('not_a_salesperson', true, '2026-01-01'),
        mark('no_rfp', false, '2026-10-01'),
        mark('not_a_salesperson', false, '2026-11-01'),
      ]
      expect(nextClue(marks, '2026-12-02')).toMatchObject({ clue: 'not_a_salesperson', reason: 'win_back' })
      // once both losses are older than 90 days, the ladder again
      expect(nextClue(marks, '2027-03-15')).toMatchObject({ clue: 'strategic_planning', reason: 'ladder' })
    })

    it('does not call a clue that never held a loss: a “no” is not a win back', () => {
      const marks = [mark('strategic_planning', true, '2026-01-01'), mark('no_rfp', false, '2026-11-20')]
      expect(nextClue(marks, '2026-12-02')).toMatchObject({ clue: 'office_on_premises', reason: 'ladder' })
    })

    it('suggests nothing when all four hold', () => {
      const all = (['strategic_planning', 'office_on_premises', 'no_rfp', 'not_a_salesperson'] as const).map(
        (c) => mark(c, true, '2026-01-01'),
      )
      expect(nextClue(all, '2026-12-02')).toBeNull()
    })
  })

  it('counts accounts per depth and lists climbers and slippers, biggest move first', () => {
    const acc = (id: string, marks: ClueMark[]) => ({
      customerId: id,
      customerName: id,
      ownerUserId: null,
      ownerName: null,
      marks,
    })
    const o = depthOverview(
      [
        acc('Flat', []),
        acc('Up1', [mark('strategic_planning', true, '2026-11-01')]),
        acc('Up2', [mark('strategic_planning', true, '2026-11-01'), mark('no_rfp', true, '2026-11-02')]),
        acc('Down', [mark('no_rfp', true, '2026-01-01'), mark('no_rfp', false, '2026-11-01')]),
      ],
      '2026-12-02',
    )
    expect(o.accounts).toBe(4)
    expect(o.byDepth).toEqual([2, 1, 1, 0, 0])
    expect(o.climbing.map((a) => a.customerName)).toEqual(['Up2', 'Up1'])
    expect(o.slipping.map((a) => [a.customerName, a.change])).toEqual([['Down', -1]])
    expect(o.slipping[0]?.next).toMatchObject({ clue: 'no_rfp', reason: 'win_back' })
    expect(o.since).toBe('2026-09-03')
  })

  it('takes the latest calendar day reached anywhere (UTC+14) as today', () => {
    expect(latestToday(new Date('2026-12-02T09:59:00Z'))).toBe('2026-12-02')
    expect(latestToday(new Date('2026-12-02T10:00:00Z'))).toBe('2026-12-03')
  })
})

describe('marking a clue', () => {
  const now = new Date('2026-12-02T08:00:00Z')
  const owner: Actor = { userId: 'sam', label: 'sam@x', role: 'sales' }
  const other: Actor = { userId: 'sol', label: 'sol@x', role: 'sales' }
  const leader: Actor = { userId: 'lee', label: 'lee@x', role: 'leader' }
  const setup = () => {
    const m = memoryDepthDeps(now)
    m.depth.addAccount({ customerId: 'c1', customerName: 'Harbour', ownerUserId: 'sam', ownerName: 'Sam' })
    m.depth.addAccount({ customerId: 'c2', customerName: 'Corner', tier: 'B', ownerUserId: 'sam' })
    return m
  }
  const input = {
    clue: 'strategic_planning' as const,
    holds: true,
    since: '2026-11-30',
    evidence: 'Asked to the 2027 offsite',
  }

  it('adds a mark, moves the depth and audits what changed without the evidence', async () => {
    const { deps, depth, events } = setup()
    const d = await markClue(deps, owner, 'c1', input)
    expect(d.depth).toBe(1)
    expect(d.next?.clue).toBe('office_on_premises')
    expect(depth.marks).toHaveLength(1)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ action: 'relationship_depth.clue_marked', targetId: 'c1' })
    expect(JSON.stringify(events[0])).not.toContain('offsite')
    const off = await markClue(deps, leader, 'c1', {
      ...input,
      holds: false,
      since: '2026-12-01',
      evidence: 'Not asked this time',
    })
    expect(off.depth).toBe(0)
    expect(off.marks).toHaveLength(2)
    expect(off.marks[0]?.holds).toBe(false)
  })

  it('refuses, storing nothing: the future, before the latest mark, not tier A, not the owner, no evidence', async () => {
    const { deps, depth, events } = setup()
    await expect(markClue(deps, owner, 'c1', { ...input, since: '2026-12-04' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(markClue(deps, owner, 'c2', input)).rejects.toMatchObject({ code: 'invalid_input' })
    await expect(markClue(deps, other, 'c1', input)).rejects.toMatchObject({ code: 'forbidden' })
    await expect(markClue(deps, owner, 'nope', input)).rejects.toMatchObject({ code: 'customer_not_found' })
    await expect(markClue(deps, owner, 'c1', { ...input, evidence: '   ' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    expect(depth.marks).toHaveLength(0)
    await markClue(deps, owner, 'c1', input)
    await expect(markClue(deps, owner, 'c1', { ...input, since: '2026-11-01' })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    expect(depth.marks).toHaveLength(1)
    expect(events).toHaveLength(1)
  })

  it('shows anyone the depth, says who may mark, and keeps the leader view for leaders', async () => {
    const { deps } = setup()
    await markClue(deps, owner, 'c1', input)
    expect((await readCustomerDepth(deps, other, 'c1')).canMark).toBe(false)
    expect((await readCustomerDepth(deps, owner, 'c1')).canMark).toBe(true)
    expect((await readCustomerDepth(deps, leader, 'c2')).keyAccount).toBe(false)
    await expect(readDepthOverview(deps, owner)).rejects.toMatchObject({ code: 'forbidden' })
    const o = await readDepthOverview(deps, leader)
    expect(o.accounts).toBe(1)
    expect(o.climbing.map((a) => a.customerId)).toEqual(['c1'])
  })
})
