import {
  Button,
  type ButtonProps,
  Input,
  NativeSelect,
  SegmentedControl,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { useNavigate } from 'react-router'
import { mainPersonOf } from '../../../domain/recovery/affected-person.ts'
import { checkLetDownAt } from '../../../domain/recovery/oops.ts'
import { can } from '../../../domain/workspaces/roles.ts'
import { openOopsSchema } from '../../../schemas/recovery.schemas.ts'
import { ApiError } from '../../app/api.ts'
import { notifySuccess } from '../../app/notify.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { MutationFormModal } from '../../ui/mutation-form-modal.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { CustomerSelect } from '../customers/customer-select.tsx'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { useCustomerBrief, useOpenOops } from './recovery-api.ts'
import type { OopsType, OpenOopsInput, Severity } from './recovery-types.ts'
import { OOPS_TYPE_LABELS, OOPS_TYPES, SEVERITIES, SEVERITY_LABELS } from './recovery-words.ts'

/** May this person open and work on an OOPS! (everyone but marketing)? */
export const useCanRecover = (): boolean => {
  const { me, role } = useWorkspace()
  return can({ userId: me.user.id, label: me.user.email, role }, 'recovery.write')
}

/** "2026-11-24T09:30" in this device's time zone, for a datetime-local field. */
const localInputValue = (d: Date): string => {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}

/** The customer page's "Report an OOPS!": opens the form with this customer chosen. */
export function ReportOopsButton({ customerId, ...props }: { customerId?: string } & ButtonProps) {
  const [opened, { open, close }] = useDisclosure(false)
  if (!useCanRecover()) return null
  return (
    <>
      <Button
        color="red"
        variant="light"
        leftSection={<IconAlertTriangle size={16} />}
        onClick={open}
        {...props}
      >
        Report an OOPS!
      </Button>
      <ReportOopsModal opened={opened} onClose={close} customerId={customerId ?? null} />
    </>
  )
}

/** The affected-person field's "nobody in particular" (the field's '' means "the main person"). */
const NOBODY = 'nobody'

type Values = {
  customerId: string
  /** '' until one is chosen: the customer's main person, as the API defaults it */
  personId: string
  type: OopsType
  description: string
  severity: Severity
  ownerUserId: string
  /** datetime-local text, in this device's zone */
  letDownAt: string
}

/**
 * openOopsSchema, and the domain's own check of the moment the customer was let down (not in the
 * future, not weeks ago), so the form says it before the API does.
 */
const reportSchema = openOopsSchema.superRefine((v, ctx) => {
  if (!v.letDownAt) return
  try {
    checkLetDownAt(v.letDownAt, new Date())
  } catch (e) {
    ctx.addIssue({ code: 'custom', path: ['letDownAt'], message: (e as Error).message })
  }
})

export function ReportOopsModal({
  opened,
  onClose,
  customerId,
}: {
  opened: boolean
  onClose: () => void
  customerId: string | null
}) {
  // mounted only while open: each report starts from now, with this customer
  return opened ? <ReportOopsForm initialCustomerId={customerId} onDone={onClose} /> : null
}

function ReportOopsForm({
  initialCustomerId,
  onDone,
}: {
  initialCustomerId: string | null
  onDone: () => void
}) {
  const { slug, me } = useWorkspace()
  const navigate = useNavigate()
  const openOops = useOpenOops()
  const members = useMembers()
  // "now" unless the person says otherwise: the clock starts when the customer was let down
  const [now] = useState(() => localInputValue(new Date()))
  const toInput = (v: Values): OpenOopsInput => {
    const letDown = v.letDownAt && v.letDownAt !== now ? new Date(v.letDownAt) : null
    return {
      customerId: v.customerId,
      // left out, the API takes the customer's main person, the one the field shows
      ...(v.personId === NOBODY ? { personId: null } : v.personId ? { personId: v.personId } : {}),
      type: v.type,
      description: v.description.trim(),
      severity: v.severity,
      ...(letDown && !Number.isNaN(letDown.getTime()) ? { letDownAt: letDown.toISOString() } : {}),
      ownerUserId: v.ownerUserId,
    }
  }
  const form = useSchemaForm<Values>(
    reportSchema,
    {
      customerId: initialCustomerId ?? '',
      personId: '',
      type: 'broken_promise',
      description: '',
      severity: 'medium',
      ownerUserId: me.user.id,
      letDownAt: now,
    },
    { toInput },
  )
  const v = form.values

  const customer = useCustomerBrief(v.customerId || null)
  const loaded = !!v.customerId && customer.data?.id === v.customerId
  const people = loaded ? customer.data!.people : []
  // the person the field shows: the one chosen, else the customer's main person, as the API takes it
  const main = mainPersonOf(people.map((p) => ({ ...p, hasEmail: !!p.email })))
  const personValue = v.personId || main?.id || NOBODY
  const affected = people.find((p) => p.id === personValue)

  const owners = useMemo(
    () =>
      (members.data ?? [])
        .filter((m) => m.role !== 'marketing')
        .map((m) => ({ value: m.userId, label: m.userId === me.user.id ? `${m.name} (me)` : m.name })),
    [members.data, me.user.id],
  )

  return (
    <MutationFormModal
      title="Report an OOPS!"
      size="lg"
      form={form}
      mutation={openOops}
      toInput={toInput}
      onSaved={(o) => {
        notifySuccess('The clock is running. Contact the customer first.', 'OOPS! reported')
        navigate(`/w/${slug}/recoveries/${o.id}`)
      }}
      onError={(e) => {
        // the API names the field it refused: mark it where the person looks
        const field = e instanceof ApiError ? (e.details?.field as string | undefined) : undefined
        if (field) form.setFieldError(field, true)
      }}
      errorTitle="The OOPS! was not reported"
      onClose={onDone}
      submitLabel="Report and start the clock"
      submitColor="red"
    >
      <Text fz="sm" c="dimmed">
        Whoever has the customer in front of them owns it. The 24-hour clock starts when the customer was let
        down.
      </Text>
      {initialCustomerId ? (
        <TextInput label="Customer" value={customer.data?.name ?? '…'} readOnly variant="filled" />
      ) : (
        <CustomerSelect
          value={v.customerId || null}
          onChange={(id) => {
            form.setFieldValue('customerId', id ?? '')
            form.setFieldValue('personId', '')
          }}
          error={form.errors.customerId}
        />
      )}
      {loaded && (
        <NativeSelect
          label="Affected person"
          description={
            people.length === 0
              ? 'No people are recorded for this customer, so nothing can be emailed: add one on the customer’s page, or hand the feedback link over yourself.'
              : affected?.email
                ? `Who was let down: messages and the “Did we blow you away?” link go to ${affected.email}.`
                : affected
                  ? `${affected.name} has no email address: messages can be logged, and the feedback link will be for you to hand over.`
                  : 'Nobody in particular: messages can be logged, and the feedback link will be for you to hand over.'
          }
          data={[
            ...people.map((p) => ({ value: p.id, label: p.title ? `${p.name} · ${p.title}` : p.name })),
            { value: NOBODY, label: `Nobody in particular (${customer.data?.name ?? 'the customer'})` },
          ]}
          {...form.getInputProps('personId')}
          value={personValue}
        />
      )}
      <NativeSelect
        label="What kind of OOPS!"
        data={OOPS_TYPES.map((t) => ({ value: t, label: OOPS_TYPE_LABELS[t] }))}
        {...form.getInputProps('type')}
      />
      <Textarea
        label="What happened"
        placeholder="What went wrong, in a sentence"
        autosize
        minRows={3}
        maxRows={8}
        {...form.getInputProps('description')}
      />
      <TextInput
        type="datetime-local"
        label="When the customer was let down"
        description={
          v.letDownAt && v.letDownAt !== now
            ? 'The clock runs from this moment.'
            : 'Now, unless you change it.'
        }
        max={localInputValue(new Date())}
        {...form.getInputProps('letDownAt')}
      />
      <Input.Wrapper label="Severity" labelElement="div" id="severity">
        <SegmentedControl
          aria-labelledby="severity-label"
          value={v.severity}
          onChange={(s) => form.setFieldValue('severity', s as Severity)}
          data={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
          fullWidth
          color={v.severity === 'critical' ? 'red' : v.severity === 'high' ? 'orange' : undefined}
        />
      </Input.Wrapper>
      <NativeSelect
        label="Owner"
        description="Who has the customer in front of them; hand it on later if that changes."
        data={owners.length ? owners : [{ value: me.user.id, label: `${me.user.name} (me)` }]}
        {...form.getInputProps('ownerUserId')}
      />
    </MutationFormModal>
  )
}
