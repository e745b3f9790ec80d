import { Input, NativeSelect, SegmentedControl, Text, TextInput } from '@mantine/core'
import { IconSend } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { sendReportCardSchema } from '../../../schemas/accountability.schemas.ts'
import { formatDate } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { Dialog } from '../../ui/dialog.tsx'
import { FormModal } from '../../ui/form-modal.tsx'
import { ShownOnceSecret } from '../../ui/shown-once-secret.tsx'
import { orNull, useSchemaForm } from '../../ui/use-schema-form.ts'
import { CustomerSelect } from '../customers/customer-select.tsx'
import { useCustomerBrief } from '../recoveries/recovery-api.ts'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { type SendReportCard, type SentReportCard, useSendReportCard } from './accountability-api.ts'
import { useCan } from './accountability-words.tsx'

type Values = {
  salespersonUserId: string
  customerId: string
  personId: string
  how: 'email' | 'link'
  emailTo: string
}

const toInput = (v: Values): SendReportCard => ({
  ...(v.salespersonUserId ? { salespersonUserId: v.salespersonUserId } : {}),
  customerId: v.customerId,
  personId: v.personId || null,
  sendEmail: v.how === 'email',
  ...(v.how === 'email' && orNull(v.emailTo) ? { emailTo: v.emailTo.trim() } : {}),
})

/** The schema, and what the form must have chosen before it asks: the customer, and for a leader the salesperson. */
const formSchema = (team: boolean) =>
  sendReportCardSchema.superRefine((v, ctx) => {
    if (!v.customerId) ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'Choose the customer.' })
    if (team && !v.salespersonUserId) {
      ctx.addIssue({ code: 'custom', path: ['salespersonUserId'], message: 'Choose who the card is about.' })
    }
  })

/**
 * "Send a report card": about a salesperson (leaders choose; a salesperson sends their own), to one
 * of a customer's people, by email from Dazzle or as a link to copy. The link is shown once.
 */
export function SendReportCardModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  // mounted only while open: each card starts blank
  return opened ? <SendReportCardForm onDone={onClose} /> : null
}

function SendReportCardForm({ onDone }: { onDone: () => void }) {
  const { me } = useWorkspace()
  const team = useCan('accountability.read_team')
  const send = useSendReportCard()
  const members = useMembers()
  const [sent, setSent] = useState<SentReportCard | null>(null)
  const form = useSchemaForm<Values>(
    formSchema(team),
    {
      salespersonUserId: team ? '' : me.user.id,
      customerId: '',
      personId: '',
      how: 'email',
      emailTo: '',
    },
    { toInput },
  )
  const v = form.values
  const customer = useCustomerBrief(v.customerId || null)
  const people = v.customerId && customer.data?.id === v.customerId ? customer.data.people : []
  const salespeople = useMemo(
    () =>
      (members.data ?? [])
        .filter((m) => m.role === 'sales' || m.userId === me.user.id)
        .map((m) => ({ value: m.userId, label: m.userId === me.user.id ? `${m.name} (me)` : m.name })),
    [members.data, me.user.id],
  )

  if (sent) {
    return (
      <Dialog opened onClose={onDone} title="Report card sent" size="lg">
        <ShownOnceSecret
          label="Report-card link"
          title={sent.emailedTo ? `Emailed to ${sent.emailedTo}` : 'Copy the link and send it yourself'}
          description={
            sent.emailError
              ? `The email could not be sent (${sent.emailError}); copy the link and send it yourself.`
              : 'This link is shown once. Only the customer should open it: it works once, without signing in.'
          }
          value={sent.link}
          copyLabel="Copy link"
          testId="report-card-link"
          onDone={onDone}
        >
          It expires on {formatDate(sent.expiresAt)}. If it is still unanswered after a few days, Dazzle sends
          one reminder.
        </ShownOnceSecret>
      </Dialog>
    )
  }

  return (
    <FormModal
      opened
      title="Send a report card"
      size="lg"
      onClose={onDone}
      onSubmit={form.onSubmit((values) =>
        send.mutate(toInput(values), {
          onSuccess: (r) => {
            if (r.emailedTo) notifySuccess(`On its way to ${r.emailedTo}.`, 'Report card sent')
            setSent(r)
          },
        }),
      )}
      submitLabel={v.how === 'email' ? 'Send the report card' : 'Make the link'}
      submitIcon={<IconSend size={16} />}
      pending={send.isPending}
      error={send.error}
    >
      <Text fz="sm">
        The customer rates the salesperson on each behaviour of a secret agent, on a page that takes two
        minutes on a phone. “Who decides how effective the salesperson is at secret gathering? The customer of
        course.”
      </Text>
      {team ? (
        <NativeSelect
          label="Salesperson"
          data={[{ value: '', label: 'Choose who the card is about' }, ...salespeople]}
          {...form.getInputProps('salespersonUserId')}
        />
      ) : (
        <TextInput label="Salesperson" value={me.user.name} readOnly variant="filled" />
      )}
      <CustomerSelect
        value={v.customerId || null}
        onChange={(id) => {
          form.setFieldValue('customerId', id ?? '')
          form.setFieldValue('personId', '')
          form.setFieldValue('emailTo', '')
        }}
        error={form.errors.customerId}
      />
      {people.length > 0 && (
        <NativeSelect
          label="Person"
          description="Who at the customer fills it in: someone who knows the salesperson."
          data={[
            { value: '', label: `The customer’s main contact (${customer.data?.name ?? ''})` },
            ...people.map((p) => ({ value: p.id, label: p.title ? `${p.name} · ${p.title}` : p.name })),
          ]}
          value={v.personId}
          onChange={(e) => {
            const id = e.currentTarget.value
            form.setFieldValue('personId', id)
            form.setFieldValue('emailTo', people.find((p) => p.id === id)?.email ?? '')
          }}
        />
      )}
      <Input.Wrapper label="How it reaches them" labelElement="div" id="report-card-how">
        <SegmentedControl
          aria-labelledby="report-card-how-label"
          fullWidth
          value={v.how}
          onChange={(how) => form.setFieldValue('how', how as Values['how'])}
          data={[
            { value: 'email', label: 'Email from Dazzle' },
            { value: 'link', label: 'Copy a link' },
          ]}
        />
      </Input.Wrapper>
      {v.how === 'email' && (
        <TextInput
          type="email"
          label="Email address"
          description="Left empty, Dazzle uses the address on file for this person."
          placeholder="name@example.com"
          {...form.getInputProps('emailTo')}
        />
      )}
    </FormModal>
  )
}
