import { Card, SimpleGrid, Skeleton } from '@mantine/core'
import { IconGift } from '@tabler/icons-react'
import { CardHeader } from '../../ui/card-header.tsx'
import { Figure } from '../../ui/figure.tsx'
import { useMomentScoreboard } from './moments-api.ts'

/** The scoreboard's WOW moments: due now, acted on in time, missed (the last 90 days, no names). */
export function MomentsScoreCard() {
  const q = useMomentScoreboard()
  if (q.isPending) return <Skeleton h={140} />
  if (q.isError) return null
  const d = q.data
  return (
    <Card component="section" aria-label="WOW moments">
      <CardHeader
        icon={<IconGift size={20} stroke={1.6} aria-hidden />}
        title="WOW moments"
        description={`Personal, simple acts for the best customers, before anything goes wrong (moments due in the last ${d.days} days and the weeks ahead).`}
      />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Figure label="Due" value={d.due} hint="open, still in time" />
        <Figure
          label="Acted on in time"
          value={d.actedInTime}
          color="green"
          hint={d.actedLate ? `${d.actedLate} more late` : undefined}
        />
        <Figure label="Missed" value={d.missed} color={d.missed ? 'red' : undefined} />
      </SimpleGrid>
    </Card>
  )
}
