import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import { refusal } from '../testing/refusal.ts'
import { changeWorkspaceSettings } from '../workspaces/change-workspace-settings.ts'
import type { Actor } from '../workspaces/roles.ts'
import { changeSecret, removeSecret } from './change-secret.ts'
import { changeEngagement, logEngagement, removeEngagement } from './log-engagement.ts'
import {
  addCategory,
  addQuestion,
  changeQuestion,
  removeCategory,
  removeQuestion,
} from './manage-secret-bank.ts'
import { memorySecrets } from './memory-secrets.ts'
import { readFeedPage, subscribeToFeed } from './read-feed.ts'
import { readSecretsOf } from './read-secrets-of.ts'
import { recordConsent } from './record-consent.ts'
import { recordSecret } from './record-secret.ts'
import { nextQuestionsFor, whatWeKnow } from './what-we-know.ts'

const sofia: Actor & { name: string } = { userId: 'u-sofia', label: 'sofia@x', role: 'sales', name: 'Sofia' }
const sam: Actor = { userId: 'u-sam', label: 'sam@x', role: 'service' }
const maya: Actor = { userId: 'u-maya', label: 'maya@x', role: 'admin' }
const nora: Actor = { userId: 'u-nora', label: 'nora@x', role: 'marketing' }

const setup = () => {
  const mem = memorySecrets({ members: ['u-sofia', 'u-sam', 'u-maya'] })
  mem.addCustomer('c1', 'person')
  mem.addCustomer('org', 'organisation')
  mem.addPerson('org', 'p1', 'Grace Lee')
  const clock = fixedClock('2026-06-01T10:00:00Z')
  const concepts = { expand: async (t: string) => (/claret/i.test(t) ? 'wine' : '') }
  const deps = { secrets: mem.port, audit: mem.audit, clock, concepts }
  return { mem, clock, deps }
}

const heard = async (deps: ReturnType<typeof setup>['deps'], text = 'Sails every summer') =>
  recordSecret(deps, sofia, {
    customerId: 'c1',
    layer: 'secret',
    category: 'recreation_preference',
    text,
    certainty: 'heard',
  })

describe('changing what was heard', () => {
  it('lets a colleague confirm a secret, refreshing when it was last heard, but not reword it', async () => {
    const { mem, clock, deps } = setup()
    const id = await heard(deps)
    clock.advance(86_400_000)
    const confirmed = await changeSecret(deps, sam, id, { confirm: true })
    expect(confirmed.lastConfirmedAt).toEqual(clock.now())
    expect(await refusal(changeSecret(deps, sam, id, { text: 'Sails in winter' }))).toBe('forbidden')
    expect(mem.secrets[0]!.text).toBe('Sails every summer')
  })

  it('gives new words new meanings for search, and keeps the text out of the audit trail', async () => {
    const { mem, deps } = setup()
    const id = await heard(deps)
    await changeSecret(deps, sofia, id, { text: 'Only drinks claret' })
    expect(mem.secrets[0]!.concepts).toBe('wine')
    const changed = mem.audited.find((a) => a.action === 'secret.changed')!
    expect(changed.details).toEqual({ customerId: 'c1', fields: ['text'] })
    expect(JSON.stringify(mem.audited)).not.toMatch(/claret|Sails/)
  })

  it('marks a secret outdated with the time, and active again without its successor', async () => {
    const { deps, clock } = setup()
    const id = await heard(deps)
    const out = await changeSecret(deps, sofia, id, { status: 'outdated' })
    expect(out).toMatchObject({ status: 'outdated', outdatedAt: clock.now() })
    const back = await changeSecret(deps, sofia, id, { status: 'active' })
    expect(back).toMatchObject({ status: 'active', outdatedAt: null, supersededBy: null })
  })

  it('refuses a new category that does not apply, or a sensitive one without consent', async () => {
    const { deps } = setup()
    const id = await heard(deps)
    expect(await refusal(changeSecret(deps, sofia, id, { category: 'inventory_problems' }))).toBe(
      'invalid_input',
    )
    expect(await refusal(changeSecret(deps, sofia, id, { category: 'health' }))).toBe('sensitive_not_allowed')
  })

  it('deletes only for whoever recorded it or an admin, audited with its category', async () => {
    const { mem, deps } = setup()
    const id = await heard(deps)
    expect(await refusal(removeSecret(deps, sam, id))).toBe('forbidden')
    await removeSecret(deps, maya, id)
    expect(mem.secrets).toHaveLength(0)
    expect(mem.audited.at(-1)).toMatchObject({
      action: 'secret.deleted',
      details: { customerId: 'c1', category: 'recreation_preference' },
    })
    expect(await refusal(removeSecret(deps, maya, id))).toBe('secret_not_found')
  })

  it('audits every read of a customer’s secrets with the count, never the words', async () => {
    const { mem, deps } = setup()
    await heard(deps)
    const read = await readSecretsOf(
      { ...deps, secrets: { ...mem.port, forCustomer: mem.forCustomer } },
      nora,
      'c1',
      'active',
    )
    expect(read).toHaveLength(1)
    expect(mem.audited.at(-1)).toMatchObject({ action: 'secrets.read_manual', details: { count: 1 } })
  })
})

describe('consent and the workspace switch for special categories', () => {
  it('records consent with a note, and a withdrawal clears both', async () => {
    const { mem, deps, clock } = setup()
    expect(await recordConsent(deps, sofia, 'c1', { consented: true, note: 'signed form' })).toEqual({
      consentAt: clock.now(),
      note: 'signed form',
    })
    expect(await recordConsent(deps, sofia, 'c1', { consented: false, note: 'ignored' })).toEqual({
      consentAt: null,
      note: null,
    })
    expect(mem.customer('c1')!.sensitiveConsentAt).toBeNull()
    expect(mem.audited.filter((a) => a.action === 'customer.consent_recorded')).toHaveLength(2)
  })

  it('lets only admins turn special categories on, audited', async () => {
    const { mem } = setup()
    const d = { settings: mem.port, audit: mem.audit }
    expect(
      await refusal(
        changeWorkspaceSettings(d, { ...sofia, workspaceId: 'w' }, { sensitiveCategories: true }),
      ),
    ).toBe('forbidden')
    await changeWorkspaceSettings(d, { ...maya, workspaceId: 'w' }, { sensitiveCategories: true })
    expect(await mem.port.settings()).toEqual({ sensitiveCategories: true })
    expect(mem.audited.at(-1)).toMatchObject({ action: 'workspace.settings_changed', targetId: 'w' })
  })
})

describe('the bank of categories and questions', () => {
  it('adds a category keyed from its label, once, and removes it while unused', async () => {
    const { mem } = setup()
    const d = { bank: mem.port, audit: mem.audit }
    expect(await refusal(addCategory(d, sofia, { label: 'Wine regions', scope: 'any', cues: [] }))).toBe(
      'forbidden',
    )
    const c = await addCategory(d, maya, { label: 'Wine regions', scope: 'person', cues: ['vineyard'] })
    expect(c).toMatchObject({ key: 'wine_regions', builtin: false })
    expect(await refusal(addCategory(d, maya, { label: 'Wine regions', scope: 'any', cues: [] }))).toBe(
      'category_taken',
    )
    await removeCategory(d, maya, 'wine_regions')
    expect(await refusal(removeCategory(d, maya, 'wine_regions'))).toBe('category_not_found')
    expect(await refusal(removeCategory(d, maya, 'habit'))).toBe('invalid_input')
    expect(mem.audited.filter((a) => a.action === 'secret_bank.changed')).toHaveLength(2)
  })

  it('keeps a category a secret is recorded under', async () => {
    const { mem, deps } = setup()
    const d = { bank: mem.port, audit: mem.audit }
    await addCategory(d, maya, { label: 'Boats', scope: 'any', cues: [] })
    await recordSecret(deps, sofia, {
      customerId: 'c1',
      layer: 'secret',
      category: 'boats',
      text: 'A ketch',
      certainty: 'heard',
    })
    expect(await refusal(removeCategory(d, maya, 'boats'))).toBe('category_taken')
  })

  it('adds questions after the seed, rewords and removes them', async () => {
    const { mem } = setup()
    const d = { bank: mem.port, audit: mem.audit }
    expect(await refusal(addQuestion(d, maya, { category: 'nope', text: 'What now?' }))).toBe('invalid_input')
    const seeded = (await mem.port.questions()).length
    const q = await addQuestion(d, maya, { category: 'dream', text: 'Where would you go with a year off?' })
    expect((await mem.port.questions()).length).toBe(seeded + 1)
    expect((await changeQuestion(d, maya, q.id, { text: 'Where would a year off take you?' })).text).toMatch(
      /year off/,
    )
    await removeQuestion(d, maya, q.id)
    expect(await refusal(changeQuestion(d, maya, q.id, { text: 'Gone?' }))).toBe('question_not_found')
  })
})

describe('engagements', () => {
  it('counts whoever logs an engagement among those who took part, with the customer’s own people only', async () => {
    const { mem, clock } = setup()
    const d = { engagements: mem.port, audit: mem.audit, clock }
    const id = await logEngagement(d, sofia, 'org', {
      channel: 'meeting',
      personIds: ['p1'],
      userIds: ['u-sam'],
    })
    expect(mem.engagements[0]).toMatchObject({ userIds: ['u-sofia', 'u-sam'], occurredAt: clock.now() })
    expect(
      await refusal(logEngagement(d, sofia, 'c1', { channel: 'call', personIds: ['p1'], userIds: [] })),
    ).toBe('person_not_found')
    expect(
      await refusal(
        logEngagement(d, sofia, 'org', { channel: 'call', personIds: [], userIds: ['u-stranger'] }),
      ),
    ).toBe('member_not_found')
    await changeEngagement(d, sofia, 'org', id, { summary: 'Lunch' })
    expect(mem.engagements[0]!.summary).toBe('Lunch')
    await removeEngagement(d, sofia, 'org', id)
    expect(await refusal(removeEngagement(d, sofia, 'org', id))).toBe('engagement_not_found')
    expect(mem.audited.map((a) => a.action)).toEqual([
      'engagement.logged',
      'engagement.changed',
      'engagement.removed',
    ])
  })
})

describe('what we know, and what to ask next', () => {
  it('answers with coverage and labels, audited, and refuses an unknown customer', async () => {
    const { mem, deps, clock } = setup()
    const knownAbout = async (customerId: string, audit: Parameters<typeof mem.audit.record>[0]) => {
      await mem.audit.record(audit)
      if (customerId !== 'c1') return null
      return {
        customer: { id: 'c1', name: 'Ada', kind: 'person', tier: 'A' },
        highlights: [
          {
            id: 's1',
            category: 'dream',
            layer: 'secret',
            text: 'A vineyard',
            certainty: 'heard',
            lastConfirmedAt: clock.now(),
            recordedByName: 'Sofia',
            personId: null,
            personName: null,
          },
        ],
        perCategory: [{ category: 'dream', count: 2, lastConfirmedAt: clock.now() }],
        customCategories: [],
        people: [],
        family: [],
        lastEngagementAt: null,
      }
    }
    const k = await whatWeKnow({ knownAbout, clock: deps.clock }, nora, 'c1')
    expect(k.activeCount).toBe(2)
    expect(k.highlights[0]!.categoryLabel).toBe('Dream')
    expect(k.coverage.find((c) => c.category === 'dream')!.state).toBe('known')
    expect(k.coverageShare).toBeGreaterThan(0)
    expect(mem.audited.at(-1)!.action).toBe('secrets.read_known')
    expect(await refusal(whatWeKnow({ knownAbout, clock: deps.clock }, nora, 'nobody'))).toBe(
      'customer_not_found',
    )
  })

  it('asks first about what nothing is known of', async () => {
    const { mem, deps } = setup()
    await heard(deps)
    const next = await nextQuestionsFor(
      { secrets: { ...mem.port, forCustomer: mem.forCustomer }, clock: deps.clock },
      sofia,
      'c1',
      { limit: 3, round: 0, skip: [] },
    )
    expect(next.about).toBe('person')
    expect(next.questions).toHaveLength(3)
    expect(next.questions.every((q) => q.state === 'empty')).toBe(true)
    expect(next.questions.map((q) => q.category)).not.toContain('recreation_preference')
  })
})

describe('reading the live feed', () => {
  it('audits a page that shows secrets with how many and the filters, and says nothing of an empty one', async () => {
    const { mem } = setup()
    const actor = { ...nora, workspaceId: 'w1' }
    const rows = [{ id: 's1' }, { id: 's2' }]
    const feed = { page: async (_f: unknown, p: { limit: number }) => rows.slice(0, p.limit) }
    expect(
      await readFeedPage({ feed, audit: mem.audit }, actor, { tier: 'A' }, { limit: 5 }, 'page'),
    ).toHaveLength(2)
    expect(mem.audited).toEqual([
      expect.objectContaining({
        action: 'secrets.read_feed',
        targetId: 'w1',
        details: { view: 'page', items: 2, tier: 'A' },
      }),
    ])
    await readFeedPage({ feed, audit: mem.audit }, actor, {}, { limit: 0 }, 'catch_up')
    expect(mem.audited).toHaveLength(1)
    await subscribeToFeed({ audit: mem.audit }, actor, { category: 'dream' })
    expect(mem.audited.at(-1)!.details).toEqual({ view: 'stream', category: 'dream' })
  })
})
