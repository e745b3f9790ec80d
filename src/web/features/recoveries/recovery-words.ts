import type { MantineColor } from '@mantine/core'
import { CHANNELS, STEP_LABELS } from '../../../domain/recovery/communication.ts'
import { OOPS_TYPE_LABELS, OOPS_TYPES, RECOVERY_KINDS, SEVERITIES } from '../../../domain/recovery/oops.ts'
import type { ClockState, ListState, RecoveryKind, Severity } from './recovery-types.ts'

export { CHANNELS, OOPS_TYPE_LABELS, OOPS_TYPES, RECOVERY_KINDS, SEVERITIES, STEP_LABELS }

export const CLOCK_LABELS: Record<ClockState, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  breached: 'Breached',
  dazzling: 'Dazzling',
  recovered_late: 'Recovered late',
}

export const CLOCK_COLORS: Record<ClockState, MantineColor> = {
  on_track: 'teal',
  at_risk: 'orange',
  breached: 'red',
  dazzling: 'grape',
  recovered_late: 'gray',
}

export const SEVERITY_LABELS: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
}

export const SEVERITY_COLORS: Record<Severity, MantineColor> = {
  low: 'gray',
  medium: 'blue',
  high: 'orange',
  critical: 'red',
}

export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  phone: 'Phone',
  email: 'Email',
  visit: 'In person',
  message: 'Text message',
  video: 'Video call',
  letter: 'Letter',
  other: 'Other',
}

export const KIND_LABELS: Record<RecoveryKind, string> = {
  gift: 'Gift',
  experience: 'Experience',
  upgrade: 'Upgrade',
  discount: 'Discount',
  service: 'Service',
  donation: 'Donation',
  other: 'Other',
}

export const STATUS_LABELS = { open: 'Open', recovered: 'Recovered', closed: 'Closed' } as const

export const LIST_STATE_LABELS: Record<ListState, string> = {
  open: 'Open',
  at_risk: 'At risk',
  breached: 'Breached',
  recovered: 'Recovered',
  closed: 'Closed',
  all: 'All',
}

type FeedbackFacts = {
  personName: string | null
  customer: { name: string }
  feedback: { delivery: 'emailed' | 'link_only' | 'email_failed' | null; sentTo: string | null } | null
}

/**
 * How the "did we blow you away?" link went out, in words, as it was recorded: emailed to whom,
 * made only for copying (no address), or the email failed. `null` when no link was made.
 */
export const feedbackDeliveryWords = (
  o: FeedbackFacts,
): { tone: 'emailed' | 'link_only' | 'email_failed' | 'made'; title: string; hint: string | null } | null => {
  const f = o.feedback
  if (!f) return null
  const who = o.personName ?? o.customer.name
  switch (f.delivery) {
    case 'emailed':
      return { tone: 'emailed', title: `Emailed to ${f.sentTo ?? who}`, hint: null }
    case 'link_only':
      return {
        tone: 'link_only',
        title: 'Not emailed: link only',
        hint: `There is no email address for ${who}, so nothing was sent. Copy the link and hand it over yourself.`,
      }
    case 'email_failed':
      return {
        tone: 'email_failed',
        title: `The email to ${f.sentTo ?? who} could not be sent`,
        hint: 'Copy the link and hand it over yourself.',
      }
    default:
      // made before Dazzle kept how a link went out: say only what is known
      return { tone: 'made', title: 'Link made', hint: null }
  }
}
