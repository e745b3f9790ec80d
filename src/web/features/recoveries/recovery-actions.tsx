import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { FormError } from '../../app/form-error.tsx'
import { notifySuccess } from '../../app/notify.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { useHandOver, useRecordFix } from './recovery-api.ts'
import type { Oops } from './recovery-types.ts'

/** "Fix it fast" (seed 001): what was done to put it right. Once. */
export function FixModal({ o, opened, onClose }: { o: Oops; opened: boolean; onClose: () => void }) {
  const fix = useRecordFix(o.id)
  const [note, setNote] = useState('')
  const [tried, setTried] = useState(false)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (note.trim().length < 3) return
    fix.mutate(
      { note: note.trim() },
      {
        onSuccess: (after) => {
          notifySuccess(
            after.clock.surpriseDone
              ? 'Fix and surprise are both done. Tell the customer the final resolution.'
              : 'Now surprise them with something personal.',
            'Fix recorded',
          )
          setNote('')
          setTried(false)
          onClose()
        },
      },
    )
  }
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>Record the fix</Text>}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Textarea
            label="What was done to fix it"
            placeholder="Re-sent by courier; delivered at 14:20"
            autosize
            minRows={3}
            maxLength={5000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={tried && note.trim().length < 3 ? 'Say what was done, in a sentence.' : undefined}
            data-autofocus
          />
          <FormError error={fix.error} title="The fix was not recorded" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="teal" loading={fix.isPending}>
              Record the fix
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** To whoever now has the customer in front of them; the reason stays on record. */
export function HandOverModal({ o, opened, onClose }: { o: Oops; opened: boolean; onClose: () => void }) {
  const { me } = useWorkspace()
  const members = useMembers()
  const hand = useHandOver(o.id)
  const candidates = (members.data ?? []).filter((m) => m.role !== 'marketing' && m.userId !== o.owner?.id)
  const [to, setTo] = useState('')
  const [reason, setReason] = useState('')
  const [tried, setTried] = useState(false)
  const chosen = to || candidates[0]?.userId || ''
  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (!chosen || reason.trim().length < 3) return
    hand.mutate(
      { toUserId: chosen, reason: reason.trim() },
      {
        onSuccess: (after) => {
          notifySuccess(`${after.owner?.name ?? 'They'} own it now.`, 'Handed over')
          setReason('')
          setTried(false)
          onClose()
        },
      },
    )
  }
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>Hand over</Text>}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            The owner is whoever has the customer in front of them. The clock keeps running.
          </Text>
          <NativeSelect
            label="To"
            value={chosen}
            onChange={(e) => setTo(e.currentTarget.value)}
            data={candidates.map((m) => ({
              value: m.userId,
              label: m.userId === me.user.id ? `${m.name} (me)` : m.name,
            }))}
            disabled={candidates.length === 0}
          />
          <Textarea
            label="Why"
            placeholder="Lee is with the customer this afternoon"
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={tried && reason.trim().length < 3 ? 'Say why it is handed on.' : undefined}
          />
          <FormError error={hand.error} title="It was not handed over" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={hand.isPending} disabled={candidates.length === 0}>
              Hand over
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}
