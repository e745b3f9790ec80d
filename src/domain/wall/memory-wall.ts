import type { AuditEventInput } from '../audit/audit-event.ts'
import type { Award } from '../awards/ports.ts'
import { fixedClock } from '../clock.ts'
import { emptyScoreLine, type ScoreboardPort, type ScoreLine } from '../recovery/read-scoreboard.ts'
import type { ClockInput } from '../recovery/recovery-clock.ts'
import type { FeedRow } from '../stories/ports.ts'
import type { FoundWallLink } from './manage-wall-links.ts'
import type { NewWallLink, WallLinksPort, WallMint, WallReadDeps } from './ports.ts'
import type { WallLink } from './wall-link.ts'

/**
 * An in-memory wall layer for the domain's unit tests: working fakes of the ports (state a test can
 * read back), not mocks. Links may live in several workspaces, so `find` can be tested for isolation.
 */
export const memoryWall = (now = '2026-12-15T10:00:00Z', workspaceId = 'ws1') => {
  const clock = fixedClock(now)
  const links: (WallLink & { workspaceId: string; tokenHash: string })[] = []
  const settings = new Map<string, { showSecrets: boolean }>()
  const audited: AuditEventInput[] = []
  let n = 0
  const mint: WallMint = {
    newToken: () => {
      const token = `wall_${'x'.repeat(30)}${++n}`
      return { token, hash: `h(${token})`, display: `${token.slice(0, 9)}…` }
    },
    hash: (t) => `h(${t})`,
    demoToken: (ws) => `wall_demo${'d'.repeat(20)}${ws}`,
  }
  const portOf = (ws: string): WallLinksPort => ({
    async insert(l: NewWallLink) {
      const link = {
        id: `wl${++n}`,
        workspaceId: ws,
        name: l.name,
        tokenHash: l.tokenHash,
        prefix: l.prefix,
        demo: l.demo,
        createdBy: l.createdBy,
        createdByName: 'Maya',
        createdAt: clock.now(),
        expiresAt: l.expiresAt,
        revokedAt: null,
        lastSeenAt: null,
      }
      links.push(link)
      return strip(link)
    },
    list: async () =>
      links
        .filter((l) => l.workspaceId === ws)
        .reverse()
        .map(strip),
    get: async (id) => {
      const l = links.find((x) => x.id === id && x.workspaceId === ws)
      return l && strip(l)
    },
    async revoke(id, at) {
      const l = links.find((x) => x.id === id && x.workspaceId === ws)
      if (l) l.revokedAt = at
    },
    settings: async () => settings.get(ws) ?? { showSecrets: false },
    async changeSettings(s) {
      settings.set(ws, s)
    },
    async seen(id, at) {
      const l = links.find((x) => x.id === id)
      if (l) l.lastSeenAt = at
    },
  })
  const strip = ({ workspaceId: _w, tokenHash: _h, ...l }: (typeof links)[number]): WallLink => ({ ...l })
  const audit = {
    async record(e: AuditEventInput) {
      audited.push(e)
    },
  }
  const find = async (hash: string): Promise<FoundWallLink | undefined> => {
    const l = links.find((x) => x.tokenHash === hash)
    return l && { workspaceId: l.workspaceId, workspaceName: `Workspace ${l.workspaceId}`, link: strip(l) }
  }
  return {
    clock,
    mint,
    links,
    audited,
    find,
    port: portOf(workspaceId),
    portOf,
    deps: { links: portOf(workspaceId), mint, audit, clock },
  }
}

export const scoreLine = emptyScoreLine

/** The wall's read ports over fixed figures, stories and awards a test sets. */
export const memoryWallReads = (
  wall: ReturnType<typeof memoryWall>,
  data: {
    overall?: ScoreLine
    byOwner?: ScoreLine[]
    clocks?: ClockInput[]
    stories?: FeedRow[]
    awards?: Award[]
  },
): WallReadDeps => {
  const scoreboard: ScoreboardPort = {
    board: async () => ({
      overall: data.overall ?? scoreLine(),
      byOwner: data.byOwner ?? [],
      byTier: [],
      weeks: [],
      tierA: { customers: 0, withSecrets: 0, withFreshSecrets: 0 },
    }),
  }
  return {
    links: wall.port,
    scoreboard,
    openClocks: async () => data.clocks ?? [],
    stories: { feed: async (q) => (data.stories ?? []).slice(0, q.limit) },
    awards: { awards: async () => data.awards ?? [] },
    audit: wall.deps.audit,
    clock: wall.clock,
  }
}
