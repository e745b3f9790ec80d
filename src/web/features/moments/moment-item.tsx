import { Badge, Blockquote, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core'
import {
  IconCake,
  IconCalendarHeart,
  IconCheck,
  IconConfetti,
  IconGift,
  IconHeartHandshake,
  IconPlaneArrival,
  IconTrophy,
  IconX,
} from '@tabler/icons-react'
import { type ComponentType, useState } from 'react'
import { can } from '../../../domain/workspaces/roles.ts'
import { momentActSchema } from '../../../schemas/moments.schemas.ts'
import { formatDate, formatMoney } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { MutationFormModal } from '../../ui/mutation-form-modal.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { CustomerLink } from '../customers/customer-link.tsx'
import { type Moment, useCloseMoment } from './moments-api.ts'

export const KIND_WORDS: Record<Moment['kind'], { label: string; icon: ComponentType<{ size?: number }> }> = {
  birthday: { label: 'Birthday', icon: IconCake },
  customer_anniversary: { label: 'Anniversary with us', icon: IconHeartHandshake },
  return: { label: 'Back after a long absence', icon: IconPlaneArrival },
  order_milestone: { label: 'Loyalty milestone', icon: IconTrophy },
  revenue_milestone: { label: 'Loyalty milestone', icon: IconConfetti },
  secret_date: { label: 'A date they told us', icon: IconCalendarHeart },
}

const STATE_WORDS: Record<Moment['state'], { label: string; color: string }> = {
  due: { label: 'To do', color: 'blue' },
  missed: { label: 'Missed', color: 'red' },
  done_in_time: { label: 'Done in time', color: 'green' },
  done_late: { label: 'Done late', color: 'orange' },
  dismissed: { label: 'Dismissed', color: 'gray' },
}

/** Whether the reader may record what was done: the account's owner, a leader or an admin. */
const mayAct = (m: Moment, me: { id: string }, role: Parameters<typeof can>[0]['role']) =>
  can({ userId: me.id, label: '', role }, 'customers.write') &&
  (role === 'leader' || role === 'admin' || m.owner.id === me.id)

/**
 * One WOW moment: what it is and whose, who acts and by when, the act Dazzle suggests from the
 * customer's secrets within the tier's budget (with why), and — once closed — what was done.
 */
export function MomentItem({ m, showCustomer = true }: { m: Moment; showCustomer?: boolean }) {
  const { me, role } = useWorkspace()
  const [closing, setClosing] = useState<'act' | 'dismiss' | null>(null)
  const kind = KIND_WORDS[m.kind]
  const Icon = kind.icon
  const state = STATE_WORDS[m.state]
  const act = m.suggestion?.act
  return (
    <Paper withBorder p="md" radius="md" component="article" aria-label={`${kind.label}: ${m.title}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
          <Group gap="xs" wrap="nowrap" align="flex-start" style={{ flex: '1 1 280px' }}>
            <Icon size={20} />
            <Stack gap={2}>
              <Text fw={600} fz="sm">
                {m.title}
              </Text>
              <Text fz="xs" c="dimmed">
                {kind.label}
                {showCustomer && (
                  <>
                    {' · '}
                    <CustomerLink id={m.customer.id} fz="xs">
                      {m.customer.name}
                    </CustomerLink>
                    {m.customer.tier ? ` (tier ${m.customer.tier})` : ''}
                  </>
                )}
              </Text>
            </Stack>
          </Group>
          <Badge color={state.color} variant="light">
            {state.label}
          </Badge>
        </Group>
        <Text fz="sm">
          <Text span fw={600} fz="sm">
            {m.owner.id === me.user.id ? 'You' : (m.owner.name ?? 'Nobody owns this account yet')}
          </Text>
          {m.status === 'open' ? ` should act by ${formatDate(m.dueAt)}` : ''}
          {m.remindedAt ? ' · reminded' : ''}
        </Text>
        {m.secretText && (
          <Blockquote p="xs" fz="sm" color="violet" cite="What they told us">
            {m.secretText}
          </Blockquote>
        )}
        {act && m.suggestion ? (
          <Paper bg="var(--mantine-color-default-hover)" p="sm" radius="sm">
            <Group gap={6} mb={4} wrap="nowrap" align="flex-start">
              <IconGift size={16} style={{ flexShrink: 0, marginTop: 2 }} />
              <Text fz="sm" fw={600}>
                Suggested act: {act.title} ({formatMoney(act.cost, m.customer.currency)})
              </Text>
            </Group>
            <Text fz="xs" c="dimmed">
              {act.reason}
            </Text>
            <Text fz="xs" c="dimmed" mt={4}>
              Within the budget of {formatMoney(m.suggestion.budget, m.customer.currency)} of the recovery
              plan “{m.suggestion.planName}”
            </Text>
          </Paper>
        ) : (
          m.status === 'open' && (
            <Text fz="xs" c="dimmed">
              No secret of theirs points to an act within{' '}
              {m.suggestion ? formatMoney(m.suggestion.budget, m.customer.currency) : 'the budget'}: something
              personal and simple of your own — a call, a handwritten note, their name remembered.
            </Text>
          )
        )}
        {m.status !== 'open' && (
          <Text fz="sm">
            <Text span c="dimmed" fz="sm">
              {m.status === 'done' ? 'Done' : 'Dismissed'}
              {m.closedBy ? ` by ${m.closedBy}` : ''}
              {m.closedAt ? ` on ${formatDate(m.closedAt)}` : ''}
              {m.note ? ': ' : ''}
            </Text>
            {m.note}
          </Text>
        )}
        {m.status === 'open' && mayAct(m, me.user, role) && (
          <Group gap="xs">
            <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => setClosing('act')}>
              Mark done
            </Button>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconX size={14} />}
              onClick={() => setClosing('dismiss')}
            >
              Dismiss
            </Button>
          </Group>
        )}
      </Stack>
      {closing && <CloseMomentModal m={m} how={closing} onClose={() => setClosing(null)} />}
    </Paper>
  )
}

function CloseMomentModal({ m, how, onClose }: { m: Moment; how: 'act' | 'dismiss'; onClose: () => void }) {
  const close = useCloseMoment(how)
  const form = useSchemaForm(momentActSchema, { note: '' })
  return (
    <MutationFormModal
      title={how === 'act' ? `Done: ${m.title}` : `Dismiss: ${m.title}`}
      form={form}
      mutation={close}
      toInput={(v) => ({ id: m.id, note: v.note?.trim() || null })}
      onSaved={() =>
        notifySuccess(how === 'act' ? 'Recorded what you did.' : 'Moment dismissed.', m.customer.name)
      }
      errorTitle={how === 'act' ? 'The moment was not marked done' : 'The moment was not dismissed'}
      onClose={onClose}
      submitLabel={how === 'act' ? 'Mark done' : 'Dismiss'}
    >
      <Textarea
        label={how === 'act' ? 'What did you do?' : 'Why let it go?'}
        description="A line or two, for whoever looks after them next."
        autosize
        minRows={3}
        data-autofocus
        {...form.getInputProps('note')}
      />
    </MutationFormModal>
  )
}
