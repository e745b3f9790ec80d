import { Button, Group, SegmentedControl, SimpleGrid, Skeleton, Stack } from '@mantine/core'
import { IconGift, IconRefresh } from '@tabler/icons-react'
import { useState } from 'react'
import { can } from '../../../domain/workspaces/roles.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, PageState } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { Figure } from '../../ui/figure.tsx'
import { MomentItem } from './moment-item.tsx'
import { type MomentFilter, useMoments, useRefreshMoments } from './moments-api.ts'

/**
 * `/w/:slug/moments`: "My moments" — the WOW moments of my best customers, soonest first, each with
 * who acts, by when and an act drawn from their secrets; a leader may see the whole team's.
 */
export function MomentsPage() {
  const { me, role } = useWorkspace()
  const leads = can({ userId: me.user.id, label: '', role }, 'accountability.read_team')
  const [owner, setOwner] = useState<'me' | 'team'>('me')
  const [status, setStatus] = useState<MomentFilter['status']>('open')
  const moments = useMoments({ owner, status })
  const refresh = useRefreshMoments()
  return (
    <>
      <PageHeader
        title="Moments"
        icon={<IconGift size={24} />}
        description="Moments worth a personal, simple act for your best customers, before anything goes wrong: birthdays in the family, their anniversary with us, a return after a long absence, loyalty milestones and the dates they told you about. You are reminded a few days ahead."
        actions={
          can({ userId: me.user.id, label: '', role }, 'customers.write') ? (
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={refresh.isPending}
              onClick={() =>
                refresh.mutate(undefined, {
                  onSuccess: (r) =>
                    notifySuccess(
                      r.added ? `${r.added} new moment${r.added === 1 ? '' : 's'} found.` : 'Nothing new.',
                    ),
                  onError: (e) => notifyError(e, 'Moments were not looked for'),
                })
              }
            >
              Look for moments now
            </Button>
          ) : undefined
        }
      />
      <Group gap="sm" mb="md" wrap="wrap">
        {leads && (
          <SegmentedControl
            aria-label="Whose moments"
            value={owner}
            onChange={(v) => setOwner(v as 'me' | 'team')}
            data={[
              { value: 'me', label: 'Mine' },
              { value: 'team', label: 'The team' },
            ]}
          />
        )}
        <SegmentedControl
          aria-label="Which moments"
          value={status}
          onChange={(v) => setStatus(v as MomentFilter['status'])}
          data={[
            { value: 'open', label: 'To do' },
            { value: 'closed', label: 'Done or dismissed' },
            { value: 'all', label: 'All' },
          ]}
        />
      </Group>
      <PageState
        query={moments}
        loading={
          <Stack gap="md" aria-busy="true">
            <Skeleton h={80} />
            <Skeleton h={160} />
            <Skeleton h={160} />
          </Stack>
        }
      >
        {(data) => (
          <Stack gap="md" maw={860}>
            <SimpleGrid cols={3} spacing="sm">
              <Figure size="md" label="Due" value={data.counts.due} />
              <Figure size="md" label="Acted on in time" value={data.counts.actedInTime} color="green" />
              <Figure
                size="md"
                label="Missed"
                value={data.counts.missed}
                color={data.counts.missed ? 'red' : undefined}
              />
            </SimpleGrid>
            {data.moments.length === 0 ? (
              <EmptyCard
                size="lg"
                icon={<IconGift size={28} />}
                title={status === 'open' ? 'No moments to act on' : 'Nothing here yet'}
                description="Moments come from what Dazzle knows of your tier-A customers: the birthdays of their family, when they first bought, how often they order, and the dates in their secrets. Record those and they show up here."
              />
            ) : (
              data.moments.map((m) => <MomentItem key={m.id} m={m} />)
            )}
          </Stack>
        )}
      </PageState>
    </>
  )
}
