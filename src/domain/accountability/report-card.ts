import { DomainError } from '../errors.ts'

/**
 * The customer report card (seed 004: "Who decides how effective the salesperson is at secret
 * gathering? The customer of course."). A one-time link, no sign-in; each behaviour rated 1–5 or
 * "can't say".
 */
export const RATING_SCALE = [
  { value: 1, label: 'Never' },
  { value: 2, label: 'Rarely' },
  { value: 3, label: 'Sometimes' },
  { value: 4, label: 'Often' },
  { value: 5, label: 'Every time' },
] as const
export const RATING_MIN = 1
export const RATING_MAX = 5
export const REPORT_CARD_TTL_DAYS = 21
/** one reminder, this long after the card was sent, if it is still unanswered */
export const REPORT_CARD_REMIND_AFTER_DAYS = 5
export const REPORT_CARD_COMMENT_MAX = 2000
/** a score shows only from this many answered cards (a workspace setting; this is the default) */
export const DEFAULT_MIN_ANSWERS = 3

export interface ReportCardLinkState {
  expiresAt: Date
  answeredAt: Date | null
}

export const checkReportCardLink = (link: ReportCardLinkState, now: Date): void => {
  if (link.answeredAt) {
    throw new DomainError(
      'report_card_answered',
      'Thank you — we already have your answers to this report card.',
    )
  }
  if (link.expiresAt < now) {
    throw new DomainError(
      'report_card_expired',
      'This report card has expired. If you would still like to rate us, reply to the email it came with.',
    )
  }
}

export interface CardQuestion {
  behaviourId: string
  label: string
  hint: string | null
}

/** one answer: a rating, or null for "can't say" */
export type Ratings = Record<string, number | null>

/** Every behaviour on the card answered (a rating or "can't say"), no other keys, each rating on the scale. */
export const checkRatings = (questions: readonly CardQuestion[], ratings: Ratings): void => {
  const asked = new Set(questions.map((q) => q.behaviourId))
  for (const key of Object.keys(ratings)) {
    if (!asked.has(key)) {
      throw new DomainError('invalid_input', 'One of the answers is for a question this card does not ask.')
    }
  }
  for (const q of questions) {
    if (!(q.behaviourId in ratings)) {
      throw new DomainError('invalid_input', `Please answer "${q.label}" — or choose "Can't say".`)
    }
    const r = ratings[q.behaviourId]
    if (r !== null && (!Number.isInteger(r) || (r as number) < RATING_MIN || (r as number) > RATING_MAX)) {
      throw new DomainError('invalid_input', `Ratings go from ${RATING_MIN} to ${RATING_MAX}.`)
    }
  }
  if (questions.every((q) => ratings[q.behaviourId] === null)) {
    throw new DomainError(
      'invalid_input',
      'Rate at least one behaviour — or close the page if you would rather not.',
    )
  }
}

export interface AnsweredCard {
  id: string
  answeredAt: Date
  ratings: Ratings
  comment: string | null
}

export interface ReportCardScore {
  /** answered cards counted */
  answers: number
  /** whether there are enough answers to show a score */
  shown: boolean
  minAnswers: number
  /** mean of every rating given (can't-say left out), 1–5, two decimals; null when not shown */
  overall: number | null
  perBehaviour: {
    behaviourId: string
    label: string
    mean: number | null
    ratings: number
    cantSay: number
  }[]
}

const mean = (xs: readonly number[]): number | null =>
  xs.length === 0 ? null : Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100

/**
 * What the customers say: per behaviour and overall. Below `minAnswers` answered cards the score is
 * withheld (one angry or one kind customer is not a measure), but the count is shown.
 */
export const scoreReportCards = (
  cards: readonly AnsweredCard[],
  labels: readonly { behaviourId: string; label: string }[],
  minAnswers: number,
): ReportCardScore => {
  const shown = cards.length >= minAnswers && cards.length > 0
  const all: number[] = []
  const perBehaviour = labels.map(({ behaviourId, label }) => {
    const given: number[] = []
    let cantSay = 0
    for (const c of cards) {
      if (!(behaviourId in c.ratings)) continue
      const r = c.ratings[behaviourId]
      if (r === null || r === undefined) cantSay++
      else given.push(r)
    }
    all.push(...given)
    return { behaviourId, label, mean: shown ? mean(given) : null, ratings: given.length, cantSay }
  })
  return { answers: cards.length, shown, minAnswers, overall: shown ? mean(all) : null, perBehaviour }
}

/** Month by month (UTC), the mean of the ratings given on cards answered that month. */
export const reportCardTrend = (
  cards: readonly AnsweredCard[],
): { month: string; mean: number; answers: number }[] => {
  const by = new Map<string, { sum: number; n: number; answers: number }>()
  for (const c of cards) {
    const month = c.answeredAt.toISOString().slice(0, 7)
    const m = by.get(month) ?? { sum: 0, n: 0, answers: 0 }
    m.answers++
    for (const r of Object.values(c.ratings)) {
      if (r !== null) {
        m.sum += r
        m.n++
      }
    }
    by.set(month, m)
  }
  return [...by.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({
      month,
      mean: m.n ? Math.round((m.sum / m.n) * 100) / 100 : 0,
      answers: m.answers,
    }))
}

/** The email that carries the card: from the salesperson, about them, one link. */
export const reportCardEmail = (p: {
  name: string
  salesperson: string
  company: string
  link: string
  from: string
}) => ({
  subject: `How is ${p.salesperson} doing for you?`,
  text: `Dear ${p.name},\n\nAt ${p.company} we ask our customers — not our managers — how well we know them. Would you rate ${p.salesperson} on a few things that matter to us? It takes two minutes, and no one but you can use this link:\n\n${p.link}\n\nThank you,\n${p.from}`,
})

export const reportCardReminderEmail = (p: {
  name: string
  salesperson: string
  link: string
  from: string
}) => ({
  subject: `A reminder: how is ${p.salesperson} doing for you?`,
  text: `Dear ${p.name},\n\nA few days ago we asked you to rate ${p.salesperson}. If you have two minutes, your answers would mean a lot — this is the only reminder we will send:\n\n${p.link}\n\nThank you,\n${p.from}`,
})
