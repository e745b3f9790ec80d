import { type AwardKind, periodLabel } from '../awards/award.ts'
import { SCOREBOARD_DEFAULT_DAYS, weeklyTrend } from '../recovery/read-scoreboard.ts'
import { readClock } from '../recovery/recovery-clock.ts'
import { chooseRecoveryHero } from '../recovery/recovery-hero.ts'
import { storyForReader } from '../stories/story.ts'
import type { FoundWallLink } from './manage-wall-links.ts'
import type { WallReadDeps } from './ports.ts'

/** How many of the latest stories and awards the wall rotates through. */
export const WALL_STORIES = 5
export const WALL_AWARDS = 4
const DAY = 86_400_000
const SEEN_EVERY_MS = 60_000

export interface WallStory {
  id: string
  title: string
  body: string
  customerShown: string
  authorName: string | null
  publishedAt: Date
  secretNote: string | null
  secretHidden: boolean
  reactions: number
}

export interface WallAward {
  id: string
  kind: AwardKind
  period: string
  periodLabel: string
  winnerName: string
  reason: string
  customerName: string | null
  secretText: string | null
  secretHidden: boolean
  decidedAt: Date
}

/**
 * What the office TV shows (seed 003: "measure constantly; post results"): the scoreboard's figures
 * over its default period, computed by the scoreboard's own query and rules (one home each), the
 * open recoveries by their clocks, the week-by-week trend, the latest stories and awards — each
 * with the privacy rules of a reader who may not read secrets, unless the workspace lets the wall
 * show them; then every read of secret text is audited, against the link.
 */
export const readWall = async (deps: WallReadDeps, found: FoundWallLink) => {
  const now = deps.clock.now()
  const to = now
  const from = new Date(now.getTime() - SCOREBOARD_DEFAULT_DAYS * DAY)
  const [board, clocks, settings, storyRows, awardRows] = await Promise.all([
    deps.scoreboard.board(from, to, now),
    deps.openClocks(),
    deps.links.settings(),
    deps.stories.feed({ limit: WALL_STORIES }, ''),
    deps.awards.awards({}),
  ])
  const states = clocks.map((c) => readClock(c, now).state)
  const hero = chooseRecoveryHero(board.byOwner)
  const reader = { readsSecrets: settings.showSecrets }
  const stories: WallStory[] = storyRows.map((row) => {
    const s = storyForReader(row, reader)
    return {
      id: s.id,
      title: s.title,
      body: s.body,
      customerShown: s.customerShown,
      authorName: s.authorName,
      publishedAt: s.publishedAt,
      secretNote: s.secretNote,
      secretHidden: s.secretHidden,
      reactions: Object.values(s.reactions).reduce((a, b) => a + b, 0),
    }
  })
  const awards: WallAward[] = awardRows.slice(0, WALL_AWARDS).map((a) => ({
    id: a.id,
    kind: a.kind,
    period: a.period,
    periodLabel: periodLabel(a.period),
    winnerName: a.winner.name,
    reason: a.reason,
    customerName: a.customer?.name ?? null,
    secretText: settings.showSecrets && a.secret ? a.secret.text : null,
    secretHidden: !settings.showSecrets && !!a.secret,
    decidedAt: a.decidedAt,
  }))
  const secretsShown =
    stories.filter((s) => s.secretNote !== null).length + awards.filter((a) => a.secretText !== null).length
  if (secretsShown > 0) {
    // every read of secret text is attributable (PRODUCT.md, "Privacy"): how many, never which words
    await deps.audit.record({
      actorUserId: null,
      actorLabel: `wall link “${found.link.name}”`,
      action: 'wall.read',
      targetType: 'wall_link',
      targetId: found.link.id,
      details: { secretsShown },
    })
  }
  if (!found.link.lastSeenAt || now.getTime() - found.link.lastSeenAt.getTime() >= SEEN_EVERY_MS) {
    await deps.links.seen(found.link.id, now)
  }
  const o = board.overall
  return {
    workspaceName: found.workspaceName,
    linkName: found.link.name,
    asOf: now,
    from,
    to,
    showsSecrets: settings.showSecrets,
    figures: {
      oops: o.oops,
      decided: o.decided,
      dazzling: o.dazzling,
      dazzlingShare: o.dazzlingShare,
      answers: o.answers,
      wowRate: o.wowRate,
      medianHoursToFix: o.medianHoursToFix,
      open: clocks.length,
      atRisk: states.filter((s) => s === 'at_risk').length,
      breached: states.filter((s) => s === 'breached').length,
    },
    hero: hero && { name: hero.label, dazzling: hero.dazzling, dazzlingShare: hero.dazzlingShare },
    trend: weeklyTrend(board.weeks, from, to),
    stories,
    awards,
  }
}
export type WallView = Awaited<ReturnType<typeof readWall>>
