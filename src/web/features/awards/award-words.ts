import { periodLabel } from '../../../domain/awards/award.ts'
import type { AwardKind } from './awards-api.ts'

/** What each award is for, in the source's words (seeds 000, 001, 003). */
export const AWARD_INTRO: Record<AwardKind, { title: string; description: string }> = {
  secret_agent: {
    title: 'Secret agent of the month',
    description:
      'For the coolest secret of the month. Colleagues nominate a secret someone else recorded and say why it is cool; a leader picks the winner.',
  },
  recovery_hero: {
    title: 'Recovery hero of the month',
    description:
      'The most dazzling recoveries (fixed and surprised inside the window), then the higher dazzling share, then the better WOW rate.',
  },
  recovery_addict: {
    title: 'Recovery addict of the month',
    description:
      'Who takes on and finishes the most recoveries: finished first, then taken on — picking up a colleague’s OOPS! through a hand-over counts.',
  },
  secrets_manual: {
    title: 'Secrets manual of the year',
    description:
      'The best-kept, most-shared manual: categories known, secrets still fresh, colleagues who read it and its secrets used in recoveries. Its keeper wins.',
  },
}

/** The figures' names on screen; shares are shown as percentages. */
const FIGURES: Record<string, { label: string; share?: boolean }> = {
  nominations: { label: 'Nominations' },
  dazzling: { label: 'Dazzling' },
  decided: { label: 'Decided' },
  dazzlingShare: { label: 'Dazzling share', share: true },
  answers: { label: 'Answers' },
  wows: { label: 'WOW answers' },
  wowRate: { label: 'WOW rate', share: true },
  finished: { label: 'Finished' },
  takenOn: { label: 'Taken on' },
  handoversTaken: { label: 'Hand-overs taken' },
  score: { label: 'Score' },
  coverageShare: { label: 'Categories known', share: true },
  freshShare: { label: 'Fresh', share: true },
  activeSecrets: { label: 'Secrets' },
  readers: { label: 'Colleagues who read it' },
  usedInRecoveries: { label: 'Used in recoveries' },
}

export const figureLines = (figures: Record<string, number | null>) =>
  Object.entries(figures).map(([k, v]) => {
    const f = FIGURES[k] ?? { label: k }
    const value = v === null ? '—' : f.share ? `${Math.round(v * 100)} %` : String(v)
    return { key: k, label: f.label, value }
  })

/** The month now running and the eleven before it, newest first. */
export const recentMonths = (current: string) => {
  const [y, m] = current.split('-').map(Number) as [number, number]
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - i, 1))
    const value = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
    return { value, label: periodLabel(value) }
  })
}

export const recentYears = (current: string) =>
  [0, 1, 2].map((i) => String(Number(current) - i)).map((v) => ({ value: v, label: v }))
