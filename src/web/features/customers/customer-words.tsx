import { Badge, type BadgeProps } from '@mantine/core'
import { RELATION_KINDS, RELATION_LABELS } from '../../../domain/customers/customer.ts'
import type { CustomerSummary, RelationKind, Tier } from '../../app/types.ts'

export const TIER_OPTIONS: Tier[] = ['A', 'B', 'C']

/** The tier filter of a list: every tier, or one. */
export const TIER_FILTER_OPTIONS = [
  { value: '', label: 'All tiers' },
  ...TIER_OPTIONS.map((t) => ({ value: t, label: `Tier ${t}` })),
]

export const TIER_HELP: Record<Tier, string> = {
  A: 'Tier A: the precious few who together bring 80 % of revenue',
  B: 'Tier B: the next band of revenue',
  C: 'Tier C: the long tail',
}

/** A gold, B violet, C grey; "no tier" (no revenue yet) as a dash. */
export function TierBadge({
  tier,
  long = false,
  ...props
}: { tier: Tier | null; long?: boolean } & BadgeProps) {
  if (!tier) {
    return (
      <Badge variant="outline" color="gray" title="No revenue yet, so no tier" component="span" {...props}>
        {long ? 'No tier yet' : '—'}
      </Badge>
    )
  }
  const look: Record<Tier, BadgeProps> = {
    A: { color: 'yellow.5', variant: 'filled', autoContrast: true },
    B: { color: 'violet', variant: 'light' },
    C: { color: 'gray', variant: 'light' },
  }
  return (
    <Badge {...look[tier]} title={TIER_HELP[tier]} component="span" {...props}>
      {long ? `Tier ${tier}` : tier}
    </Badge>
  )
}

export const KIND_LABELS: Record<CustomerSummary['kind'], string> = {
  organisation: 'Organisation',
  person: 'Person',
}

export { RELATION_KINDS, RELATION_LABELS }

export const RELATION_COLORS: Record<RelationKind, string> = {
  spouse: 'pink',
  partner: 'pink',
  child: 'teal',
  parent: 'indigo',
  sibling: 'cyan',
  assistant: 'gray',
  friend: 'orange',
  other: 'gray',
}
