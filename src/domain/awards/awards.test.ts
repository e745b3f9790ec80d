import { describe, expect, it } from 'vitest'
import { DomainError } from '../errors.ts'
import { BUILTIN_CATEGORIES } from '../secrets/taxonomy.ts'
import type { Actor } from '../workspaces/roles.ts'
import {
  addictCandidates,
  heroCandidates,
  manualCandidates,
  periodRange,
  secretAgentCandidates,
} from './award.ts'
import { decideAward } from './decide-award.ts'
import { memoryAwards } from './memory-awards.ts'
import { nominateSecret } from './nominate-secret.ts'
import { listAwards, readCandidates } from './read-awards.ts'

const actor = (userId: string, role: Actor['role']): Actor => ({ userId, label: `${userId}@x`, role })
const refusal = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (e) {
    if (e instanceof DomainError) return e.code
    throw e
  }
  throw new Error('expected a refusal')
}

describe('recovery hero candidates', () => {
  it('ranks more dazzling recoveries first, then the higher dazzling share (Maya 1 of 1 over Sam 1 of 3)', () => {
    const c = heroCandidates([
      { userId: 'sam', name: 'Sam', decided: 3, dazzling: 1, answers: 1, wows: 1 },
      { userId: 'maya', name: 'Maya', decided: 1, dazzling: 1, answers: 0, wows: 0 },
      { userId: 'leo', name: 'Leo', decided: 5, dazzling: 2, answers: 2, wows: 0 },
      { userId: 'nora', name: 'Nora', decided: 4, dazzling: 0, answers: 4, wows: 4 },
    ])
    expect(c.map((x) => x.winner.name)).toEqual(['Leo', 'Maya', 'Sam'])
    expect(c.map((x) => x.rank)).toEqual([1, 2, 3])
    expect(c[1]?.figures).toMatchObject({ dazzling: 1, decided: 1, dazzlingShare: 1, wowRate: null })
    expect(c[0]?.summary).toBe('2 dazzling recoveries of 5 (40 %), WOW rate 0 % of 2 answers')
  })

  it('breaks an equal count and share by the better WOW rate', () => {
    const c = heroCandidates([
      { userId: 'a', name: 'Ann', decided: 2, dazzling: 2, answers: 2, wows: 1 },
      { userId: 'b', name: 'Bob', decided: 2, dazzling: 2, answers: 2, wows: 2 },
    ])
    expect(c.map((x) => x.winner.name)).toEqual(['Bob', 'Ann'])
  })
})

describe('recovery addict candidates', () => {
  it('counts hand-overs taken as taken on and ranks by finished, then taken on', () => {
    const c = addictCandidates([
      { userId: 'a', name: 'Ann', openedForThem: 1, handoversTaken: 0, finished: 3 },
      { userId: 'b', name: 'Bob', openedForThem: 1, handoversTaken: 4, finished: 3 },
      { userId: 'c', name: 'Cyd', openedForThem: 6, handoversTaken: 0, finished: 1 },
      { userId: 'd', name: 'Dee', openedForThem: 0, handoversTaken: 0, finished: 0 },
    ])
    expect(c.map((x) => x.winner.name)).toEqual(['Bob', 'Ann', 'Cyd'])
    expect(c[0]?.figures).toEqual({ finished: 3, takenOn: 5, handoversTaken: 4 })
  })
})

describe('secrets manual candidates', () => {
  const at = new Date('2026-12-15T00:00:00Z')
  const fresh = new Date('2026-11-01T00:00:00Z')
  const old = new Date('2025-01-01T00:00:00Z')
  const keeper = { userId: 'maya', name: 'Maya' }
  it('scores coverage, freshness, readers and use in recoveries, and shows each figure', () => {
    const c = manualCandidates(
      [
        {
          customerId: 'well-kept',
          customerName: 'Acme',
          customerKind: 'person',
          keeper,
          activeSecrets: [
            { category: 'habit', lastConfirmedAt: fresh },
            { category: 'dream', lastConfirmedAt: fresh },
          ],
          readers: 5,
          usedInRecoveries: 3,
        },
        {
          customerId: 'stale',
          customerName: 'Borealis',
          customerKind: 'person',
          keeper,
          activeSecrets: [{ category: 'habit', lastConfirmedAt: old }],
          readers: 0,
          usedInRecoveries: 0,
        },
        {
          customerId: 'nobody-keeps',
          customerName: 'Cobalt',
          customerKind: 'person',
          keeper: null,
          activeSecrets: [{ category: 'habit', lastConfirmedAt: fresh }],
          readers: 9,
          usedInRecoveries: 9,
        },
      ],
      BUILTIN_CATEGORIES,
      at,
    )
    expect(c.map((x) => x.customerId)).toEqual(['well-kept', 'stale'])
    const top = c[0]?.figures
    expect(top?.freshShare).toBe(1)
    expect(top?.readers).toBe(5)
    expect(top?.coverageShare).toBeGreaterThan(0)
    // readers and use capped at full marks: 30 + 20, plus coverage and freshness
    expect(top?.score).toBe(Math.round(100 * (0.35 * (top?.coverageShare ?? 0) + 0.15 + 0.3 + 0.2)))
    expect(c[1]?.figures).toMatchObject({ freshShare: 0, coverageShare: 0, score: 0 })
  })
})

describe('secret agent candidates', () => {
  it('ranks the secret with the most nominations first and leaves out a secret nobody recorded', () => {
    const by = (u: string) => ({ userId: u, name: u })
    const at = (d: number) => new Date(Date.UTC(2026, 11, d))
    const c = secretAgentCandidates([
      {
        secretId: 's1',
        customerId: 'c',
        customerName: 'C',
        recordedBy: by('leo'),
        nominations: [{ by: by('maya'), reason: 'wine', at: at(2) }],
      },
      {
        secretId: 's2',
        customerId: 'c',
        customerName: 'C',
        recordedBy: by('sam'),
        nominations: [
          { by: by('maya'), reason: 'a boat', at: at(3) },
          { by: by('nora'), reason: 'named it after her', at: at(4) },
        ],
      },
      {
        secretId: 's3',
        customerId: 'c',
        customerName: 'C',
        recordedBy: null,
        nominations: [{ by: by('maya'), reason: 'x', at: at(1) }],
      },
    ])
    expect(c.map((x) => x.secretId)).toEqual(['s2', 's1'])
    expect(c[0]?.summary).toBe('a boat · named it after her')
    expect(c[0]?.winner.userId).toBe('sam')
  })
})

describe('periods', () => {
  it('reads a month and a year and refuses anything else', () => {
    expect(periodRange('secret_agent', '2026-12')).toEqual({
      from: new Date('2026-12-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    })
    expect(periodRange('secrets_manual', '2026').to).toEqual(new Date('2027-01-01T00:00:00Z'))
    expect(() => periodRange('secret_agent', '2026')).toThrow(/not a month/)
    expect(() => periodRange('secrets_manual', '2026-13')).toThrow(/not a year/)
  })
})

const workspace = () => {
  const m = memoryAwards()
  m.addMember({ userId: 'maya', name: 'Maya', role: 'leader' })
  m.addMember({ userId: 'leo', name: 'Leo', role: 'sales' })
  m.addMember({ userId: 'nora', name: 'Nora', role: 'marketing' })
  m.addSecret({
    id: 's1',
    customerId: 'acme',
    category: 'dream',
    text: 'Sails a wooden boat',
    recordedBy: 'leo',
  })
  m.addSecret({ id: 'sens', customerId: 'acme', category: 'religion', text: 'x', recordedBy: 'leo' })
  return m
}

describe('nominating a secret', () => {
  it('files the nomination for the month now running and audits it without the text', async () => {
    const m = workspace()
    const r = await nominateSecret(m.deps, actor('nora', 'marketing'), {
      secretId: 's1',
      reason: ' Who knew! ',
    })
    expect(r.period).toBe('2026-12')
    expect(m.nominations[0]).toMatchObject({ reason: 'Who knew!', by: { userId: 'nora' } })
    expect(m.audited.at(-1)).toMatchObject({ action: 'award.nominated', targetId: 's1' })
    expect(JSON.stringify(m.audited)).not.toContain('wooden boat')
  })

  it('refuses your own secret, a second nomination, a sensitive one, an unknown one and an empty reason', async () => {
    const m = workspace()
    expect(
      await refusal(nominateSecret(m.deps, actor('leo', 'sales'), { secretId: 's1', reason: 'mine' })),
    ).toBe('nomination_own_secret')
    await nominateSecret(m.deps, actor('nora', 'marketing'), { secretId: 's1', reason: 'cool' })
    expect(
      await refusal(nominateSecret(m.deps, actor('nora', 'marketing'), { secretId: 's1', reason: 'again' })),
    ).toBe('nomination_taken')
    expect(
      await refusal(nominateSecret(m.deps, actor('maya', 'leader'), { secretId: 'sens', reason: 'x' })),
    ).toBe('sensitive_not_allowed')
    expect(
      await refusal(nominateSecret(m.deps, actor('maya', 'leader'), { secretId: 'nope', reason: 'x' })),
    ).toBe('secret_not_found')
    expect(
      await refusal(nominateSecret(m.deps, actor('maya', 'leader'), { secretId: 's1', reason: '  ' })),
    ).toBe('invalid_input')
    expect(m.nominations).toHaveLength(1)
  })

  it('lets the same colleague nominate the secret again next month', async () => {
    const m = workspace()
    await nominateSecret(m.deps, actor('nora', 'marketing'), { secretId: 's1', reason: 'cool' })
    m.clock.advance(20 * 24 * 3600 * 1000)
    const r = await nominateSecret(m.deps, actor('nora', 'marketing'), {
      secretId: 's1',
      reason: 'still cool',
    })
    expect(r.period).toBe('2027-01')
  })
})

describe('deciding an award', () => {
  it('makes the nominated secret’s recorder secret agent of the month, notifies them and audits it', async () => {
    const m = workspace()
    await nominateSecret(m.deps, actor('nora', 'marketing'), { secretId: 's1', reason: 'a wooden boat!' })
    const a = await decideAward(m.deps, actor('maya', 'leader'), {
      kind: 'secret_agent',
      period: '2026-12',
      secretId: 's1',
    })
    expect(a).toMatchObject({
      winner: { userId: 'leo' },
      reason: 'a wooden boat!',
      figures: { nominations: 1 },
    })
    expect(m.notified).toEqual([
      {
        userId: 'leo',
        title: 'You are secret agent of the month (December 2026)',
        body: 'a wooden boat!',
      },
    ])
    expect(m.audited.at(-1)).toMatchObject({
      action: 'award.decided',
      details: { kind: 'secret_agent', winnerUserId: 'leo' },
    })
    // nominations for a decided month are closed
    expect(
      await refusal(nominateSecret(m.deps, actor('maya', 'leader'), { secretId: 's1', reason: 'x' })),
    ).toBe('award_taken')
  })

  it('refuses a non-leader, a second decision, a secret nobody nominated, a stranger and a future month', async () => {
    const m = workspace()
    await nominateSecret(m.deps, actor('nora', 'marketing'), { secretId: 's1', reason: 'cool' })
    const leader = actor('maya', 'leader')
    expect(
      await refusal(
        decideAward(m.deps, actor('leo', 'sales'), {
          kind: 'secret_agent',
          period: '2026-12',
          secretId: 's1',
        }),
      ),
    ).toBe('forbidden')
    m.addSecret({ id: 's2', customerId: 'acme', category: 'dream', text: 'y', recordedBy: 'leo' })
    expect(
      await refusal(decideAward(m.deps, leader, { kind: 'secret_agent', period: '2026-12', secretId: 's2' })),
    ).toBe('award_not_candidate')
    expect(
      await refusal(
        decideAward(m.deps, leader, { kind: 'recovery_hero', period: '2026-12', userId: 'stranger' }),
      ),
    ).toBe('member_not_found')
    expect(
      await refusal(decideAward(m.deps, leader, { kind: 'secret_agent', period: '2027-02', secretId: 's1' })),
    ).toBe('invalid_input')
    await decideAward(m.deps, leader, {
      kind: 'secret_agent',
      period: '2026-12',
      secretId: 's1',
      reason: 'Boat!',
    })
    expect(
      await refusal(decideAward(m.deps, leader, { kind: 'secret_agent', period: '2026-12', secretId: 's1' })),
    ).toBe('award_taken')
    expect(m.awards).toHaveLength(1)
    expect(m.notified).toHaveLength(1)
  })

  it('confirms the computed recovery hero with the figures it rests on, and only a candidate', async () => {
    const m = workspace()
    m.figures.hero = [
      { userId: 'leo', name: 'Leo', decided: 2, dazzling: 2, answers: 1, wows: 1 },
      { userId: 'nora', name: 'Nora', decided: 3, dazzling: 0, answers: 0, wows: 0 },
    ]
    const leader = actor('maya', 'leader')
    expect(
      await refusal(
        decideAward(m.deps, leader, { kind: 'recovery_hero', period: '2026-11', userId: 'nora' }),
      ),
    ).toBe('award_not_candidate')
    const a = await decideAward(m.deps, leader, { kind: 'recovery_hero', period: '2026-11', userId: 'leo' })
    expect(a.figures).toMatchObject({ dazzling: 2, decided: 2, dazzlingShare: 1, wowRate: 1 })
    expect(a.reason).toBe('2 dazzling recoveries of 2 (100 %), WOW rate 100 % of 1 answer')
  })
})

describe('reading awards', () => {
  it('shows the secret’s words to a role that may read secrets and audits that it did, without the words', async () => {
    const m = workspace()
    await nominateSecret(m.deps, actor('nora', 'marketing'), { secretId: 's1', reason: 'cool' })
    await decideAward(m.deps, actor('maya', 'leader'), {
      kind: 'secret_agent',
      period: '2026-12',
      secretId: 's1',
    })
    const [a] = await listAwards(m.deps, actor('nora', 'marketing'))
    expect(a?.secretText).toBe('Sails a wooden boat')
    expect(m.audited.at(-1)).toEqual({
      actorUserId: 'nora',
      actorLabel: 'nora@x',
      action: 'awards.read',
      details: { secretsShown: 1 },
    })
    expect(await listAwards(m.deps, actor('nora', 'marketing'), { winnerUserId: 'maya' })).toEqual([])
    expect(await refusal(listAwards(m.deps, actor('nora', 'marketing'), { winnerUserId: 'stranger' }))).toBe(
      'member_not_found',
    )
  })

  it('lists the month’s nominations as candidates with why colleagues find them cool', async () => {
    const m = workspace()
    await nominateSecret(m.deps, actor('nora', 'marketing'), { secretId: 's1', reason: 'cool' })
    await nominateSecret(m.deps, actor('maya', 'leader'), { secretId: 's1', reason: 'very' })
    const r = await readCandidates(m.deps, actor('leo', 'sales'), 'secret_agent', '2026-12')
    expect(r.decided).toBeNull()
    expect(r.candidates).toHaveLength(1)
    expect(r.candidates[0]).toMatchObject({ secretText: 'Sails a wooden boat', figures: { nominations: 2 } })
    expect(r.candidates[0]?.nominations.map((x) => x.reason)).toEqual(['cool', 'very'])
  })
})
