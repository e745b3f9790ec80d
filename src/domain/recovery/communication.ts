import { type Draft, type DraftFacts, draftMessage, draftSubject } from './contact-drafts.ts'
import type { Oops } from './oops.ts'

/**
 * Hyper-communication (seed 003): contact the customer when it happens, follow up, report status
 * while it is open, tell them the final resolution. Each step is a timeline entry with a channel
 * and a message; what is due follows from the plan's cadence.
 */

export const STEP_KINDS = [
  'first_contact',
  'status_report',
  'follow_up',
  'final_resolution',
  'fix',
  'surprise',
  'note',
] as const
export type StepKind = (typeof STEP_KINDS)[number]
/** The steps that are messages to the customer (the others are what we did). */
export const CONTACT_KINDS = ['first_contact', 'status_report', 'follow_up', 'final_resolution'] as const
export type ContactKind = (typeof CONTACT_KINDS)[number]

export const STEP_LABELS: Record<StepKind, string> = {
  first_contact: 'First contact',
  status_report: 'Status report',
  follow_up: 'Follow-up',
  final_resolution: 'Final resolution',
  fix: 'Fix',
  surprise: 'Surprise',
  note: 'Note',
}

export const CHANNELS = ['phone', 'email', 'visit', 'message', 'video', 'letter', 'other'] as const
export type Channel = (typeof CHANNELS)[number]

export interface DoneStep {
  kind: StepKind
  at: Date
}

export interface DueStep {
  kind: ContactKind
  dueAt: Date
  overdue: boolean
}

const HOUR = 3_600_000
/** a follow-up after the final resolution: did it stay fixed? */
export const FOLLOW_UP_AFTER_HOURS = 24

/** What the owner owes the customer next, and when. */
export const dueSteps = (
  o: {
    reportedAt: Date
    firstContactHours: number
    statusEveryHours: number
    /** when the fix and the surprise were both done (the final resolution is then due) */
    recoveredAt: Date | null
    closed: boolean
  },
  steps: readonly DoneStep[],
  now: Date,
): DueStep[] => {
  const done = (k: StepKind) =>
    steps.filter((s) => s.kind === k).sort((a, b) => a.at.getTime() - b.at.getTime())
  const due: DueStep[] = []
  const push = (kind: ContactKind, dueAt: Date) => due.push({ kind, dueAt, overdue: dueAt < now })
  const first = done('first_contact')[0]
  const resolution = done('final_resolution')[0]
  if (!first) {
    // a closed OOPS! owes no first contact any more: the final resolution was the contact
    if (!o.closed) push('first_contact', new Date(o.reportedAt.getTime() + o.firstContactHours * HOUR))
  } else if (!o.recoveredAt && !resolution && !o.closed) {
    const last = [...done('first_contact'), ...done('status_report'), ...done('follow_up')].sort(
      (a, b) => b.at.getTime() - a.at.getTime(),
    )[0] as DoneStep
    push('status_report', new Date(last.at.getTime() + o.statusEveryHours * HOUR))
  }
  if (o.recoveredAt && !resolution) push('final_resolution', o.recoveredAt)
  if (resolution && !done('follow_up').some((f) => f.at >= resolution.at)) {
    push('follow_up', new Date(resolution.at.getTime() + FOLLOW_UP_AFTER_HOURS * HOUR))
  }
  return due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
}

/** When the fix and the surprise were both done: the final resolution is due from then. */
export const recoveredAtOf = (o: { fixedAt: Date | null; surprisedAt: Date | null }): Date | null =>
  o.fixedAt && o.surprisedAt ? new Date(Math.max(o.fixedAt.getTime(), o.surprisedAt.getTime())) : null

/** What the owner owes the customer of this OOPS! next, and when. */
export const dueStepsOf = (
  o: Pick<
    Oops,
    'reportedAt' | 'firstContactHours' | 'statusEveryHours' | 'fixedAt' | 'surprisedAt' | 'status'
  >,
  steps: readonly DoneStep[],
  now: Date,
): DueStep[] =>
  dueSteps(
    {
      reportedAt: o.reportedAt,
      firstContactHours: o.firstContactHours,
      statusEveryHours: o.statusEveryHours,
      recoveredAt: recoveredAtOf(o),
      closed: o.status === 'closed',
    },
    steps,
    now,
  )

/** The placeholders an API client fills itself in the bare templates (GET /api/oops/templates). */
export const TEMPLATE_PLACEHOLDERS: DraftFacts = {
  customerName: '{name}',
  personName: '{name}',
  summary: '{what}',
  ownerName: '{owner}',
  writerName: '{owner}',
  company: '{company}',
}

/**
 * Each contact's template with placeholders ({name}, {what}, {owner}, {company}), for a client that
 * fills them itself; Dazzle's own drafts come from `draftMessage` over what the case records.
 */
export const TEMPLATES: Record<ContactKind, Draft> = Object.fromEntries(
  CONTACT_KINDS.map((k) => [k, draftMessage(k, TEMPLATE_PLACEHOLDERS)]),
) as Record<ContactKind, Draft>

/** The subject of a contact emailed from Dazzle: the one written, else the draft's. */
export const contactSubject = (kind: ContactKind | 'note', written?: string | undefined): string =>
  written ?? (kind === 'note' ? 'A note from us' : draftSubject(kind))

/** Fills a template's placeholders; unknown ones stay visible. */
export const fillTemplate = (
  text: string,
  values: Partial<Record<'name' | 'what' | 'owner' | 'company', string>>,
) => text.replace(/\{(name|what|owner|company)\}/g, (m, k: keyof typeof values) => values[k] ?? m)

/**
 * Phrases the source warns against: quoting policy, blaming the customer. The composer flags them
 * before a message goes out; the owner decides.
 */
const WARNINGS: readonly [RegExp, string][] = [
  [/\b(our|company|the) polic(y|ies)\b/i, 'Quotes policy: talk about what you will do instead.'],
  [/\bterms and conditions\b/i, 'Quotes terms and conditions: the customer wants a solution, not a rule.'],
  [/\byou (should|should've|should have|failed to|forgot|didn'?t)\b/i, 'Sounds like it blames the customer.'],
  [
    /\bunfortunately,? (there is nothing|we cannot|we can'?t)\b/i,
    'Says what you cannot do: say what you can.',
  ],
  [/\bnot our fault\b/i, 'Takes no responsibility: own it, whoever was at fault.'],
]

export const toneWarnings = (message: string): string[] =>
  WARNINGS.filter(([re]) => re.test(message)).map(([, w]) => w)
