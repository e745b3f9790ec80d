import { describe, expect, it } from 'vitest'
import type { Award } from '../awards/ports.ts'
import type { FeedRow } from '../stories/ports.ts'
import type { Actor } from '../workspaces/roles.ts'
import {
  changeWallSettings,
  createDemoWallLink,
  createWallLink,
  listWallLinks,
  openWallLink,
  revokeWallLink,
} from './manage-wall-links.ts'
import { memoryWall, memoryWallReads, scoreLine } from './memory-wall.ts'
import { readWall } from './read-wall.ts'

const admin: Actor & { workspaceId: string } = {
  userId: 'u-admin',
  label: 'maya@x',
  role: 'admin',
  workspaceId: 'ws1',
}
const leader: Actor = { userId: 'u-leader', label: 'leo@x', role: 'leader' }
const HOUR = 3_600_000

const story = (over: Partial<FeedRow> = {}): FeedRow => ({
  id: 's1',
  oopsId: 'o1',
  authorUserId: 'u-sam',
  authorName: 'Sam',
  title: 'The cake that saved the launch',
  body: 'We fixed it in two hours.',
  secretNote: 'Loves lemon drizzle',
  privacy: 'named',
  customerLabel: null,
  publishedAt: new Date('2026-12-15T09:00:00Z'),
  editedAt: null,
  customerShown: 'Acme',
  customerName: 'Acme',
  customerId: 'c1',
  outcome: null,
  reactions: { applause: 2, heart: 1, party: 0 },
  mine: [],
  ...over,
})

const award = (over: Partial<Award> = {}): Award => ({
  id: 'a1',
  kind: 'secret_agent',
  period: '2026-12',
  winner: { userId: 'u-sofia', name: 'Sofia' },
  secret: {
    id: 'sec1',
    customerId: 'c1',
    customerName: 'Acme',
    category: 'preferences',
    text: 'Collects vintage maps',
    recordedBy: 'u-sofia',
    recordedByName: 'Sofia',
  },
  customer: { id: 'c1', name: 'Acme' },
  reason: 'The coolest secret this month',
  figures: { rows: [] } as unknown as Award['figures'],
  decidedBy: { userId: 'u-leader', name: 'Leo' },
  decidedAt: new Date('2026-12-15T09:30:00Z'),
  ...over,
})

describe('wall links', () => {
  it('shows the token once and stores only its hash', async () => {
    const wall = memoryWall()
    const { link, token } = await createWallLink(wall.deps, admin, { name: '  Office TV ' })
    expect(link.name).toBe('Office TV')
    expect(link.token).toBeNull()
    expect(wall.links[0]!.tokenHash).toBe(`h(${token})`)
    expect(JSON.stringify(wall.links)).not.toContain(`"${token}"`)
    expect((await listWallLinks(wall.deps, admin))[0]!.token).toBeNull()
    expect(wall.audited.map((e) => e.action)).toEqual(['wall_link.created'])
    expect(JSON.stringify(wall.audited)).not.toContain(token)
  })

  it('is an admin’s to make, list and revoke', async () => {
    const wall = memoryWall()
    await expect(createWallLink(wall.deps, leader, { name: 'TV' })).rejects.toMatchObject({
      code: 'forbidden',
    })
    await expect(listWallLinks(wall.deps, { ...leader, workspaceId: 'ws1' })).rejects.toMatchObject({
      code: 'forbidden',
    })
    const { link } = await createWallLink(wall.deps, admin, { name: 'TV' })
    await expect(revokeWallLink(wall.deps, leader, link.id)).rejects.toMatchObject({ code: 'forbidden' })
    expect(wall.links).toHaveLength(1)
  })

  it('refuses a blank or long name and an expiry outside 1–3650 days, storing nothing', async () => {
    const wall = memoryWall()
    await expect(createWallLink(wall.deps, admin, { name: '  ' })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { field: 'name' },
    })
    await expect(createWallLink(wall.deps, admin, { name: 'x'.repeat(81) })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await expect(createWallLink(wall.deps, admin, { name: 'TV', expiresInDays: 0 })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { field: 'expiresInDays' },
    })
    expect(wall.links).toHaveLength(0)
    expect(wall.audited).toHaveLength(0)
  })

  it('opens with its token; refuses a tampered, revoked or expired one with a reason', async () => {
    const wall = memoryWall()
    const open = (t: string) => openWallLink({ find: wall.find, mint: wall.mint, clock: wall.clock }, t)
    const { link, token } = await createWallLink(wall.deps, admin, { name: 'TV', expiresInDays: 1 })
    expect((await open(token)).link.id).toBe(link.id)
    await expect(open(`${token.slice(0, -1)}Z`)).rejects.toMatchObject({ code: 'wall_link_invalid' })
    await expect(open('not a token')).rejects.toMatchObject({ code: 'wall_link_invalid' })
    wall.clock.advance(25 * HOUR)
    await expect(open(token)).rejects.toMatchObject({ code: 'wall_link_expired' })
    const other = await createWallLink(wall.deps, admin, { name: 'Lobby' })
    await revokeWallLink(wall.deps, admin, other.link.id)
    await expect(open(other.token)).rejects.toMatchObject({ code: 'wall_link_revoked' })
    // revoking again changes nothing and is not audited twice
    await revokeWallLink(wall.deps, admin, other.link.id)
    expect(wall.audited.filter((e) => e.action === 'wall_link.revoked')).toHaveLength(1)
  })

  it('revokes only links of its own workspace', async () => {
    const wall = memoryWall()
    const elsewhere = await createWallLink({ ...wall.deps, links: wall.portOf('ws2') }, admin, { name: 'TV' })
    await expect(revokeWallLink(wall.deps, admin, elsewhere.link.id)).rejects.toMatchObject({
      code: 'wall_link_not_found',
    })
    expect(wall.links[0]!.revokedAt).toBeNull()
  })

  it('gives the demo link’s token back to its admin, derived rather than stored', async () => {
    const wall = memoryWall()
    const demo = await createDemoWallLink(wall.deps, admin, 'ws1', 'Office TV')
    const token = wall.mint.demoToken('ws1')
    expect(demo.token).toBe(token)
    expect((await listWallLinks(wall.deps, admin))[0]!.token).toBe(token)
    expect(wall.links[0]!.tokenHash).toBe(`h(${token})`)
    expect(
      (await openWallLink({ find: wall.find, mint: wall.mint, clock: wall.clock }, token)).link.demo,
    ).toBe(true)
  })
})

describe('what the wall shows', () => {
  const setUp = async (data: Parameters<typeof memoryWallReads>[1]) => {
    const wall = memoryWall()
    const { token } = await createWallLink(wall.deps, admin, { name: 'Office TV' })
    const found = await openWallLink({ find: wall.find, mint: wall.mint, clock: wall.clock }, token)
    return { wall, found, reads: memoryWallReads(wall, data) }
  }

  it('posts the scoreboard’s figures, the hero and the open recoveries by their clocks', async () => {
    const now = new Date('2026-12-15T10:00:00Z').getTime()
    const clock = (letDownHoursAgo: number) => ({
      letDownAt: new Date(now - letDownHoursAgo * HOUR),
      windowHours: 24,
      atRiskHours: 6,
      fixedAt: null,
      surprisedAt: null,
    })
    const { reads, found } = await setUp({
      overall: scoreLine({ oops: 5, decided: 4, dazzling: 3, dazzlingShare: 0.75, answers: 2, wowRate: 0.5 }),
      byOwner: [
        scoreLine({ key: 'u-sam', label: 'Sam', dazzling: 1, dazzlingShare: 1 / 3 }),
        scoreLine({ key: 'u-maya', label: 'Maya', dazzling: 2, dazzlingShare: 1 }),
      ],
      clocks: [clock(1), clock(20), clock(30)],
    })
    const v = await readWall(reads, found)
    expect(v.figures).toMatchObject({ dazzlingShare: 0.75, wowRate: 0.5, open: 3, atRisk: 1, breached: 1 })
    expect(v.hero).toEqual({ name: 'Maya', dazzling: 2, dazzlingShare: 1 })
    expect(v.trend.length).toBeGreaterThan(10)
    expect(v.linkName).toBe('Office TV')
  })

  it('keeps secret text off the wall unless the workspace allows it, and audits it when shown', async () => {
    const { reads, found, wall } = await setUp({ stories: [story()], awards: [award()] })
    const hidden = await readWall(reads, found)
    expect(hidden.stories[0]).toMatchObject({ secretNote: null, secretHidden: true, reactions: 3 })
    expect(hidden.awards[0]).toMatchObject({ secretText: null, secretHidden: true, winnerName: 'Sofia' })
    expect(JSON.stringify(hidden)).not.toMatch(/lemon|vintage/)
    expect(wall.audited.filter((e) => e.action === 'wall.read')).toHaveLength(0)

    await changeWallSettings(wall.deps, admin, { showSecrets: true })
    const shown = await readWall(reads, found)
    expect(shown.stories[0]!.secretNote).toBe('Loves lemon drizzle')
    expect(shown.awards[0]!.secretText).toBe('Collects vintage maps')
    const read = wall.audited.find((e) => e.action === 'wall.read')!
    expect(read).toMatchObject({ actorUserId: null, details: { secretsShown: 2 }, targetId: found.link.id })
    expect(JSON.stringify(wall.audited)).not.toMatch(/lemon|vintage/)
  })

  it('shows an anonymised story by its label, never the customer’s name', async () => {
    const { reads, found } = await setUp({
      stories: [story({ privacy: 'anonymised', customerShown: 'a bakery in Leeds', customerName: null })],
    })
    const v = await readWall(reads, found)
    expect(v.stories[0]!.customerShown).toBe('a bakery in Leeds')
    expect(JSON.stringify(v.stories)).not.toContain('Acme')
  })

  it('notes when the link was last looked at, at most once a minute', async () => {
    const { reads, found, wall } = await setUp({})
    await readWall(reads, found)
    expect(wall.links[0]!.lastSeenAt).toEqual(wall.clock.now())
  })
})
