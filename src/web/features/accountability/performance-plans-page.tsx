import { Button, Skeleton, Stack, Text, Title } from '@mantine/core'
import { IconPlus, IconTargetArrow } from '@tabler/icons-react'
import { useState } from 'react'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, PageState } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useCan } from './accountability-words.tsx'
import { PerformancePlanCard } from './performance-plan-card.tsx'
import { PerformancePlanModal } from './performance-plan-form.tsx'
import { usePerformancePlans } from './performance-plans-api.ts'

/**
 * `/w/:slug/performance-plans`: a leader's recovery expectations against their team's actuals
 * (the current plan first, then the closed ones), and for a leader of leaders (or an admin) the
 * plans of the leaders below them, with the form to set one.
 */
export function PerformancePlansPage() {
  const allowed = useCan('plans.read')
  const { role } = useWorkspace()
  const plans = usePerformancePlans(allowed)
  const [setting, setSetting] = useState(false)
  if (!allowed) {
    return (
      <EmptyCard
        icon={<IconTargetArrow size={28} />}
        title="Performance plans are for leaders"
        description="A leader’s plan is seen by the leader and those they report to."
      />
    )
  }
  return (
    <>
      <PageHeader
        title="Performance plans"
        icon={<IconTargetArrow size={24} />}
        description="Recovery expectations for each leader’s team — dazzling share, time to fix, WOW rate, stories told, secrets known about tier A customers — measured from the record as the period runs, and frozen when it closes."
        actions={
          plans.data && plans.data.settable.length > 0 ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setSetting(true)}>
              Set a plan
            </Button>
          ) : undefined
        }
      />
      <PageState
        query={plans}
        loading={
          <Stack gap="lg" aria-busy="true">
            <Skeleton h={260} />
            <Skeleton h={260} />
          </Stack>
        }
      >
        {(data) => (
          <Stack gap="xl">
            {role !== 'admin' && (
              <Stack gap="md">
                <Title order={2} fz="xl">
                  My plan
                </Title>
                {data.mine.length === 0 ? (
                  <Text>
                    No plan has been set for you yet: it is set by the leader you report to, or an admin.
                  </Text>
                ) : (
                  data.mine.map((p) => <PerformancePlanCard key={p.id} plan={p} />)
                )}
              </Stack>
            )}
            {(data.team.length > 0 || data.settable.length > 0 || role === 'admin') && (
              <Stack gap="md">
                <Title order={2} fz="xl">
                  {role === 'admin' ? 'Leaders’ plans' : 'My team’s leaders'}
                </Title>
                {data.team.length === 0 ? (
                  <Text>No plan yet for {data.settable.map((l) => l.name).join(', ') || 'any leader'}.</Text>
                ) : (
                  data.team.map((p) => <PerformancePlanCard key={p.id} plan={p} />)
                )}
              </Stack>
            )}
          </Stack>
        )}
      </PageState>
      {setting && plans.data && (
        <PerformancePlanModal leaders={plans.data.settable} onClose={() => setSetting(false)} />
      )}
    </>
  )
}
