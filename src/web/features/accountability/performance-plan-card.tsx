import { Badge, Button, Card, Group, Progress, Stack, Table, Text, Timeline } from '@mantine/core'
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleDashed,
  IconCircleX,
  IconTargetArrow,
  IconTrendingUp,
} from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import {
  actualText,
  EXPECTATION_KEYS,
  EXPECTATION_LABELS,
  type ExpectationState,
  targetText,
} from '../../../domain/accountability/performance-plan.ts'
import { formatDate, formatDateTime } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { CardHeader } from '../../ui/card-header.tsx'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { PerformancePlanModal } from './performance-plan-form.tsx'
import { type PerformancePlan, useClosePlan } from './performance-plans-api.ts'

export const STATE_LABELS: Record<ExpectationState, string> = {
  met: 'Met',
  on_track: 'On track',
  behind: 'Behind',
  not_met: 'Not met',
  no_data: 'Not measured yet',
}
export const STATE_COLORS: Record<ExpectationState, string> = {
  met: 'teal',
  on_track: 'blue',
  behind: 'orange',
  not_met: 'red',
  no_data: 'gray',
}
const STATE_ICONS: Record<ExpectationState, ReactNode> = {
  met: <IconCircleCheck size={14} aria-hidden />,
  on_track: <IconTrendingUp size={14} aria-hidden />,
  behind: <IconAlertTriangle size={14} aria-hidden />,
  not_met: <IconCircleX size={14} aria-hidden />,
  no_data: <IconCircleDashed size={14} aria-hidden />,
}

export function StateBadge({ state }: { state: ExpectationState }) {
  return (
    <Badge color={STATE_COLORS[state]} variant="light" leftSection={STATE_ICONS[state]} radius="sm">
      {STATE_LABELS[state]}
    </Badge>
  )
}

const STATUS_WORDS = { upcoming: 'Starts later', running: 'Running', closed: 'Closed' } as const

/** "3 met or on track of 5". */
export const planSummary = (p: PerformancePlan): string => {
  if (p.lines.length === 0) return `${p.period.label}: starts ${formatDate(`${p.period.start}T00:00:00Z`)}`
  const good = p.lines.filter((l) => l.state === 'met' || l.state === 'on_track').length
  return p.status === 'closed'
    ? `${p.lines.filter((l) => l.state === 'met').length} of ${p.lines.length} met`
    : `${good} of ${p.lines.length} met or on track`
}

/** A leader's plan: each expectation against the team's actuals, its state, the team and the history. */
export function PerformancePlanCard({ plan }: { plan: PerformancePlan }) {
  const [changing, setChanging] = useState(false)
  const [closing, setClosing] = useState(false)
  const [history, setHistory] = useState(false)
  const close = useClosePlan(plan.id)
  const a = plan.actuals
  const titleId = `plan-${plan.id}`
  return (
    <Card component="section" aria-labelledby={titleId} data-testid="performance-plan">
      <CardHeader
        icon={<IconTargetArrow size={22} stroke={1.6} />}
        title={
          <span id={titleId}>
            {plan.leader.name} · {plan.period.label}
          </span>
        }
        description={
          plan.setBy
            ? `Set by ${plan.setBy.name} on ${formatDate(plan.setAt)}.${a ? ` The team: ${a.team.map((t) => t.name).join(', ')}.` : ''}`
            : undefined
        }
        aside={
          <Badge variant="outline" color={plan.status === 'closed' ? 'gray' : 'violet'} size="lg" radius="sm">
            {STATUS_WORDS[plan.status]}
          </Badge>
        }
      />
      <Stack gap="sm">
        {plan.status === 'running' && (
          <Stack gap={4}>
            <Text fz="sm">
              {Math.round(plan.elapsed * 100)} % of {plan.period.label} gone · {planSummary(plan)}
            </Text>
            <Progress value={plan.elapsed * 100} aria-label="Share of the period gone" size="sm" />
          </Stack>
        )}
        {plan.status === 'closed' && plan.closedAt && (
          <Text fz="sm">
            Closed {formatDateTime(plan.closedAt)}
            {plan.closedBy ? ` by ${plan.closedBy.name}` : ' at the end of the period'}: the figures below are
            final. {planSummary(plan)}.
          </Text>
        )}
        {plan.lines.length === 0 ? (
          <Stack gap={4}>
            <Text fz="sm">
              Measured from {formatDate(`${plan.period.start}T00:00:00Z`)}. The expectations:
            </Text>
            {EXPECTATION_KEYS.filter((k) => plan.expectations[k] !== null).map((k) => (
              <Text key={k} fz="sm">
                {EXPECTATION_LABELS[k]} {targetText(k, plan.expectations[k]!)}
              </Text>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Expectation</Table.Th>
                  <Table.Th>Target</Table.Th>
                  <Table.Th>Actual</Table.Th>
                  <Table.Th>State</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {plan.lines.map((l) => (
                  <Table.Tr key={l.key} data-testid={`plan-line-${l.key}`}>
                    <Table.Td>
                      <Text fz="sm" fw={600}>
                        {l.label}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        {l.detail}
                      </Text>
                    </Table.Td>
                    <Table.Td>{targetText(l.key, l.target)}</Table.Td>
                    <Table.Td fw={700}>{actualText(l.key, l.actual)}</Table.Td>
                    <Table.Td>
                      <StateBadge state={l.state} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group gap="xs">
          {plan.mayChange && (
            <Button variant="light" size="xs" onClick={() => setChanging(true)}>
              Change expectations
            </Button>
          )}
          {plan.mayClose && (
            <Button variant="default" size="xs" onClick={() => setClosing(true)}>
              Close now
            </Button>
          )}
          {plan.history.length > 0 && (
            <Button variant="subtle" size="xs" onClick={() => setHistory(!history)} aria-expanded={history}>
              {history ? 'Hide the history' : `History (${plan.history.length})`}
            </Button>
          )}
        </Group>
        {history && (
          <Timeline bulletSize={12} lineWidth={2}>
            {plan.history.map((h, i) => (
              <Timeline.Item
                // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only, in order
                key={i}
                title={`${h.action === 'set' ? 'Set' : h.action === 'changed' ? 'Changed' : 'Closed'} by ${h.by?.name ?? 'Dazzle, at the period’s end'}`}
              >
                <Text fz="xs" c="dimmed">
                  {formatDateTime(h.at)}
                </Text>
                <Text fz="sm">
                  {EXPECTATION_KEYS.filter((k) => h.expectations[k] !== null)
                    .map((k) => `${EXPECTATION_LABELS[k]} ${targetText(k, h.expectations[k]!)}`)
                    .join(' · ')}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
      {changing && <PerformancePlanModal plan={plan} onClose={() => setChanging(false)} />}
      <ConfirmDialog
        opened={closing}
        title={`Close ${plan.leader.name}’s plan for ${plan.period.label} now?`}
        confirmLabel="Close the plan"
        color="violet"
        pending={close.isPending}
        error={close.error}
        onCancel={() => setClosing(false)}
        onConfirm={() =>
          close.mutate(undefined, {
            onSuccess: () => {
              setClosing(false)
              notifySuccess('Its figures are frozen as they are now.', 'Plan closed')
            },
          })
        }
      >
        The team’s actuals are frozen as they stand today and the plan can no longer change. Otherwise it
        closes by itself when the period ends.
      </ConfirmDialog>
    </Card>
  )
}
