import { NativeSelect, Text, Textarea } from '@mantine/core'
import { fixSchema, handOverSchema } from '../../../schemas/recovery.schemas.ts'
import { notifySuccess } from '../../app/notify.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { MutationFormModal } from '../../ui/mutation-form-modal.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { useHandOver, useRecordFix } from './recovery-api.ts'
import type { Oops } from './recovery-types.ts'

type ActionProps = { o: Oops; opened: boolean; onClose: () => void }

/** "Fix it fast" (seed 001): what was done to put it right. Once. fixSchema says what is enough. */
export function FixModal({ o, opened, onClose }: ActionProps) {
  // mounted only while open: each opening starts empty
  return opened ? <FixForm o={o} onClose={onClose} /> : null
}

function FixForm({ o, onClose }: Omit<ActionProps, 'opened'>) {
  const fix = useRecordFix(o.id)
  const form = useSchemaForm(fixSchema, { note: '' })
  return (
    <MutationFormModal
      title="Record the fix"
      form={form}
      mutation={fix}
      toInput={(v) => ({ note: v.note.trim() })}
      onSaved={(after) =>
        notifySuccess(
          after.clock.surpriseDone
            ? 'Fix and surprise are both done. Tell the customer the final resolution.'
            : 'Now surprise them with something personal.',
          'Fix recorded',
        )
      }
      errorTitle="The fix was not recorded"
      onClose={onClose}
      submitLabel="Record the fix"
      submitColor="teal"
    >
      <Textarea
        label="What was done to fix it"
        placeholder="Re-sent by courier; delivered at 14:20"
        autosize
        minRows={3}
        data-autofocus
        {...form.getInputProps('note')}
      />
    </MutationFormModal>
  )
}

/** To whoever now has the customer in front of them; the reason stays on record (handOverSchema). */
export function HandOverModal({ o, opened, onClose }: ActionProps) {
  return opened ? <HandOverForm o={o} onClose={onClose} /> : null
}

function HandOverForm({ o, onClose }: Omit<ActionProps, 'opened'>) {
  const { me } = useWorkspace()
  const members = useMembers()
  const hand = useHandOver(o.id)
  const candidates = (members.data ?? []).filter((m) => m.role !== 'marketing' && m.userId !== o.owner?.id)
  // until one is picked, the first candidate (the members may still be loading when the form opens)
  const toInput = (v: { toUserId: string; reason: string }) => ({
    toUserId: v.toUserId || candidates[0]?.userId || '',
    reason: v.reason.trim(),
  })
  const form = useSchemaForm(handOverSchema, { toUserId: '', reason: '' }, { toInput })
  return (
    <MutationFormModal
      title="Hand over"
      form={form}
      mutation={hand}
      toInput={toInput}
      onSaved={(after) => notifySuccess(`${after.owner?.name ?? 'They'} own it now.`, 'Handed over')}
      errorTitle="It was not handed over"
      onClose={onClose}
      submitLabel="Hand over"
      submitDisabled={candidates.length === 0}
    >
      <Text fz="sm" c="dimmed">
        The owner is whoever has the customer in front of them. The clock keeps running.
      </Text>
      <NativeSelect
        label="To"
        data={candidates.map((m) => ({
          value: m.userId,
          label: m.userId === me.user.id ? `${m.name} (me)` : m.name,
        }))}
        disabled={candidates.length === 0}
        {...form.getInputProps('toUserId')}
        value={toInput(form.values).toUserId}
      />
      <Textarea
        label="Why"
        placeholder="Lee is with the customer this afternoon"
        autosize
        minRows={2}
        {...form.getInputProps('reason')}
      />
    </MutationFormModal>
  )
}
