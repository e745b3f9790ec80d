import { Badge, Group, Text, Tooltip } from '@mantine/core'
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight } from '@tabler/icons-react'
import {
  CLUE_LABELS,
  CLUE_SOURCE,
  type ClueKind,
  DEPTH_MAX,
  TREND_DAYS,
} from '../../../domain/accountability/relationship-depth.ts'
import { formatDate } from '../../app/format.ts'

export { CLUE_LABELS, CLUE_SOURCE, type ClueKind, DEPTH_MAX, TREND_DAYS }

/** A calendar day ("2026-11-30") as the page says it, the same day wherever the reader is. */
export const dayText = (day: string) => formatDate(`${day}T00:00:00Z`, 'UTC')

/** The short name of each clue, for lists and charts. */
export const CLUE_SHORT: Record<ClueKind, string> = {
  strategic_planning: 'Strategic planning',
  office_on_premises: 'Office on premises',
  no_rfp: 'No RFP',
  not_a_salesperson: 'Not “a salesperson”',
}

const DEPTH_COLORS = ['gray', 'orange', 'yellow', 'teal', 'green'] as const
export const depthColor = (depth: number) => DEPTH_COLORS[Math.max(0, Math.min(DEPTH_MAX, depth))] ?? 'gray'

/** Depth 0–4 as four segments, filled for each clue that holds; a meter to assistive technology. */
export function DepthMeter({ depth, size = 'md' }: { depth: number; size?: 'sm' | 'md' }) {
  const h = size === 'sm' ? 8 : 12
  const w = size === 'sm' ? 14 : 28
  return (
    <Group gap={8} wrap="nowrap">
      {/* biome-ignore lint/a11y/useSemanticElements: one drawn segment per clue, which a native meter cannot show */}
      <div
        role="meter"
        aria-label="Relationship depth"
        aria-valuemin={0}
        aria-valuemax={DEPTH_MAX}
        aria-valuenow={depth}
        aria-valuetext={`${depth} of ${DEPTH_MAX} clues`}
        style={{ display: 'flex', gap: 3 }}
      >
        {Array.from({ length: DEPTH_MAX }, (_, i) => (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: the four segments never move
            key={i}
            style={{
              width: w,
              height: h,
              borderRadius: 3,
              background:
                i < depth
                  ? `var(--mantine-color-${depthColor(depth)}-6)`
                  : 'var(--mantine-color-default-border)',
            }}
          />
        ))}
      </div>
      <Text fz={size === 'sm' ? 'sm' : 'md'} fw={700}>
        {depth}
        <Text component="span" c="dimmed" fz="sm" fw={400}>
          {' '}
          / {DEPTH_MAX}
        </Text>
      </Text>
    </Group>
  )
}

/** Climbing, slipping or steady against the depth of `TREND_DAYS` days ago. */
export function TrendBadge({ trend, before }: { trend: 'climbing' | 'slipping' | 'steady'; before: number }) {
  const [Icon, color, label] =
    trend === 'climbing'
      ? [IconArrowUpRight, 'green', 'Climbing']
      : trend === 'slipping'
        ? [IconArrowDownRight, 'red', 'Slipping']
        : [IconArrowRight, 'gray', 'Steady']
  return (
    <Tooltip label={`Depth ${before} of ${DEPTH_MAX} ${TREND_DAYS} days ago`}>
      <Badge color={color} variant="light" leftSection={<Icon size={14} />}>
        {label}
      </Badge>
    </Tooltip>
  )
}

export const NEXT_REASON: Record<'win_back' | 'ladder', string> = {
  win_back: `Held until lately (lost in the last ${TREND_DAYS} days): win it back while the trust is fresh.`,
  ladder: 'The next clue up, in the source’s order: each builds the trust the next one needs.',
}
