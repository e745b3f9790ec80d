import { Card, Skeleton, Stack } from '@mantine/core'
import { IconGift } from '@tabler/icons-react'
import type { CustomerDetail } from '../../app/types.ts'
import { CardHeader } from '../../ui/card-header.tsx'
import { MomentItem } from './moment-item.tsx'
import { useCustomerMoments } from './moments-api.ts'

/** The customer page's "WOW moments" card: this customer's moments, open ones first; none, no card. */
export function CustomerMomentsCard({ c }: { c: CustomerDetail }) {
  const q = useCustomerMoments(c.id)
  if (q.isPending) return <Skeleton h={120} />
  if (q.isError || q.data.moments.length === 0) return null
  const order = { open: 0, done: 1, dismissed: 2 } as const
  const moments = [...q.data.moments].sort((a, b) => order[a.status] - order[b.status])
  return (
    <Card component="section" aria-label="WOW moments">
      <CardHeader
        icon={<IconGift size={20} stroke={1.6} aria-hidden />}
        title="WOW moments"
        description="Dates worth a personal, simple act, with what Dazzle suggests from their secrets."
      />
      <Stack gap="sm">
        {moments.map((m) => (
          <MomentItem key={m.id} m={m} showCustomer={false} />
        ))}
      </Stack>
    </Card>
  )
}
