import type { MantineColor } from '@mantine/core'
import { CERTAINTY_LABELS, CHANNEL_LABELS, ENGAGEMENT_CHANNELS } from '../../../domain/secrets/taxonomy.ts'
import type { Certainty } from './secrets-types.ts'

export { CERTAINTY_LABELS, CHANNEL_LABELS, ENGAGEMENT_CHANNELS }

export const CERTAINTY_SHORT: Record<Certainty, string> = {
  heard: 'Heard',
  inferred: 'Inferred',
  second_hand: 'Second-hand',
}

export const COVERAGE_COLORS: Record<'known' | 'stale' | 'empty', MantineColor> = {
  known: 'teal',
  stale: 'yellow',
  empty: 'gray',
}

export const COVERAGE_LABELS: Record<'known' | 'stale' | 'empty', string> = {
  known: 'Known',
  stale: 'Stale',
  empty: 'Empty',
}

/** The global capture shortcut: "r" for record, from anywhere in the workspace but a text field. */
export const CAPTURE_HOTKEY = 'r'
