import { Paper, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'

/** How large the figure's value is set: from a line in a document to a number on the wall. */
const SIZES = {
  sm: { fz: 'md', fw: 700, lh: undefined },
  md: { fz: 'lg', fw: 700, lh: undefined },
  lg: { fz: { base: 'lg', sm: 22 }, fw: 700, lh: 1.2 },
  xl: { fz: { base: 22, sm: 26 }, fw: 750, lh: 1.2 },
  xxl: { fz: { base: 26, sm: 34 }, fw: 800, lh: 1.1 },
} as const

/**
 * One measure with its name above it ("LIFETIME REVENUE", £12,400) and an optional hint below:
 * the tiles of the customer, value, scoreboard and import pages. `boxed` sets it in a bordered tile;
 * without, it is a line of a document or a result.
 */
export function Figure({
  label,
  value,
  hint,
  size = 'lg',
  color,
  boxed = true,
}: {
  label: string
  value: ReactNode
  hint?: ReactNode
  size?: keyof typeof SIZES
  /** The value's colour (a Mantine colour name), for a figure that is good or bad news. */
  color?: string | undefined
  boxed?: boolean
}) {
  const look = SIZES[size]
  const body = (
    <>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={700} lts={0.4}>
        {label}
      </Text>
      <Text
        fz={look.fz}
        fw={look.fw}
        lh={look.lh}
        mt={boxed ? 4 : undefined}
        c={color ? `${color}.7` : undefined}
        component="div"
      >
        {value}
      </Text>
      {hint && (
        <Text fz="xs" c="dimmed" mt={4}>
          {hint}
        </Text>
      )}
    </>
  )
  return boxed ? (
    <Paper withBorder p="md">
      {body}
    </Paper>
  ) : (
    <div>{body}</div>
  )
}

/**
 * What a page of four figure tiles over a chart shows while it loads (the customer and relationship
 * depth pages); `heading` adds the bar of a page title above the tiles.
 */
export function FiguresSkeleton({ heading = false }: { heading?: boolean }) {
  return (
    <Stack gap="lg">
      {heading && <Skeleton h={60} w="60%" />}
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} h={84} />
        ))}
      </SimpleGrid>
      <Skeleton h={280} />
    </Stack>
  )
}
