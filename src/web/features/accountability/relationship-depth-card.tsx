import {
  Alert,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
} from '@mantine/core'
import { IconBulb, IconCheck, IconHeartHandshake, IconX } from '@tabler/icons-react'
import { useState } from 'react'
import { markClueSchema } from '../../../schemas/relationship-depth.schemas.ts'
import { notifySuccess } from '../../app/notify.ts'
import type { CustomerDetail } from '../../app/types.ts'
import { CardHeader } from '../../ui/card-header.tsx'
import { MutationFormModal } from '../../ui/mutation-form-modal.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { type CustomerDepth, useCustomerDepth, useMarkClue } from './relationship-depth-api.ts'
import {
  CLUE_LABELS,
  CLUE_SOURCE,
  type ClueKind,
  DepthMeter,
  dayText,
  NEXT_REASON,
  TrendBadge,
} from './relationship-depth-words.tsx'

const HISTORY_SHOWN = 5

/**
 * The customer page's "Relationship depth" card (seed 000): the four clues, each yes or no since a
 * day with its evidence, the depth 0–4, its trend, the next clue to work on and every mark made.
 * Shown for key accounts (tier A), and for a customer that has marks from when it was one.
 */
export function RelationshipDepthCard({ c }: { c: CustomerDetail }) {
  const depth = useCustomerDepth(c.id)
  const [marking, setMarking] = useState<ClueKind | null>(null)
  const d = depth.data
  if (depth.isPending) return <Skeleton h={220} />
  if (depth.isError || !d) return null
  if (!d.keyAccount && d.marks.length === 0) return null
  const state = marking ? d.clues.find((s) => s.clue === marking) : undefined
  return (
    <Card component="section" aria-label="Relationship depth">
      <CardHeader
        icon={<IconHeartHandshake size={20} stroke={1.6} aria-hidden />}
        title="Relationship depth"
        description={
          d.keyAccount
            ? 'Four clues that a key account trusts us deeply. Each is yes or no since a day, with what shows it.'
            : `${c.name} is no longer a key account (tier A): its clues are kept as they were.`
        }
        aside={
          <Group gap="sm">
            <DepthMeter depth={d.depth} />
            <TrendBadge trend={d.trend} before={d.before} />
          </Group>
        }
      />
      <Stack gap={0}>
        {d.clues.map((s, i) => (
          <div key={s.clue}>
            {i > 0 && <Divider my="sm" />}
            <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
              <Stack gap={2} style={{ flex: '1 1 320px' }}>
                <Group gap={8}>
                  <Badge
                    color={s.holds ? 'green' : 'gray'}
                    variant={s.holds ? 'filled' : 'outline'}
                    leftSection={s.holds ? <IconCheck size={12} /> : <IconX size={12} />}
                  >
                    {s.holds ? 'Yes' : 'No'}
                  </Badge>
                  <Text fw={600} fz="sm">
                    {CLUE_LABELS[s.clue]}
                  </Text>
                </Group>
                {s.mark ? (
                  <Text fz="sm">
                    <Text component="span" c="dimmed" fz="sm">
                      Since {dayText(s.mark.since)}
                      {s.mark.recordedByName ? `, marked by ${s.mark.recordedByName}` : ''}:{' '}
                    </Text>
                    {s.mark.evidence}
                  </Text>
                ) : (
                  <Text fz="xs" c="dimmed" fs="italic">
                    {CLUE_SOURCE[s.clue]}
                  </Text>
                )}
              </Stack>
              {d.canMark && (
                <Button
                  size="xs"
                  variant={s.holds ? 'default' : 'light'}
                  color={s.holds ? undefined : 'green'}
                  onClick={() => setMarking(s.clue)}
                  aria-label={`${s.holds ? 'No longer true' : 'Mark as true'}: ${CLUE_LABELS[s.clue]}`}
                >
                  {s.holds ? 'No longer true' : 'Mark as true'}
                </Button>
              )}
            </Group>
          </div>
        ))}
      </Stack>
      {d.next && d.keyAccount && (
        <Alert
          mt="md"
          color="violet"
          variant="light"
          icon={<IconBulb size={18} />}
          title="Next clue to work on"
        >
          <Text fz="sm" fw={600}>
            {CLUE_LABELS[d.next.clue]}
          </Text>
          <Text fz="sm">{d.next.step}</Text>
          <Text fz="xs" c="dimmed" mt={4}>
            {NEXT_REASON[d.next.reason]}
          </Text>
        </Alert>
      )}
      <History d={d} />
      {marking && state && (
        <MarkClueModal
          customerId={c.id}
          clue={marking}
          holds={!state.holds}
          today={d.today}
          earliest={state.mark?.since ?? null}
          onClose={() => setMarking(null)}
        />
      )}
    </Card>
  )
}

function History({ d }: { d: CustomerDepth }) {
  const [all, setAll] = useState(false)
  if (d.marks.length === 0) return null
  const shown = all ? d.marks : d.marks.slice(0, HISTORY_SHOWN)
  return (
    <Stack gap="xs" mt="lg">
      <Text fw={600} fz="sm">
        History
      </Text>
      <Timeline bulletSize={18} lineWidth={2} aria-label="Relationship depth history">
        {shown.map((m) => (
          <Timeline.Item
            key={m.id}
            color={m.holds ? 'green' : 'gray'}
            bullet={m.holds ? <IconCheck size={11} /> : <IconX size={11} />}
            title={
              <Text fz="sm" fw={600}>
                {CLUE_LABELS[m.clue]}: {m.holds ? 'yes' : 'no'}
              </Text>
            }
          >
            <Text fz="sm">{m.evidence}</Text>
            <Text fz="xs" c="dimmed">
              From {dayText(m.since)}
              {m.recordedByName ? ` · ${m.recordedByName}` : ''}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      {d.marks.length > HISTORY_SHOWN && (
        <Button variant="subtle" size="xs" w="fit-content" onClick={() => setAll(!all)}>
          {all ? 'Show the latest only' : `Show all ${d.marks.length} marks`}
        </Button>
      )}
    </Stack>
  )
}

function MarkClueModal({
  customerId,
  clue,
  holds,
  today,
  earliest,
  onClose,
}: {
  customerId: string
  clue: ClueKind
  holds: boolean
  today: string
  earliest: string | null
  onClose: () => void
}) {
  const mark = useMarkClue(customerId)
  const localToday = new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
  const form = useSchemaForm(markClueSchema, { clue, holds, since: localToday, evidence: '' })
  return (
    <MutationFormModal
      title={holds ? `${CLUE_LABELS[clue]}: yes` : `${CLUE_LABELS[clue]}: no longer`}
      form={form}
      mutation={mark}
      toInput={(v) => ({ ...v, evidence: v.evidence.trim() })}
      onSaved={(d) => notifySuccess(`Depth is now ${d.depth} of 4.`, 'Clue marked')}
      errorTitle="The clue was not marked"
      onClose={onClose}
      submitLabel={holds ? 'Mark as true' : 'Mark as no longer true'}
    >
      <Text fz="sm" c="dimmed">
        {CLUE_SOURCE[clue]}
      </Text>
      <TextInput
        type="date"
        label={holds ? 'True since' : 'No longer true since'}
        description={
          earliest ? `On or after ${dayText(earliest)}, the clue’s last mark.` : 'Today or earlier.'
        }
        max={today}
        min={earliest ?? undefined}
        {...form.getInputProps('since')}
      />
      <Textarea
        label="Evidence"
        description="What shows it: who said or did what, and where."
        autosize
        minRows={3}
        data-autofocus
        {...form.getInputProps('evidence')}
      />
    </MutationFormModal>
  )
}
