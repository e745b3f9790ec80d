import {
  Button,
  type ButtonProps,
  Group,
  Input,
  Modal,
  NativeSelect,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks'
import { IconAlertTriangle } from '@tabler/icons-react'
import { type FormEvent, useMemo, useState } from 'react'
import { useNavigate } from 'react-router'
import { can } from '../../../domain/workspaces/roles.ts'
import { ApiError } from '../../app/api.ts'
import { FormError } from '../../app/form-error.tsx'
import { notifySuccess } from '../../app/notify.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useCustomerPicker } from '../secrets/secrets-api.ts'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { useCustomerBrief, useOpenOops } from './recovery-api.ts'
import type { OopsType, Severity } from './recovery-types.ts'
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

export function ReportOopsModal({
  opened,
  onClose,
  customerId,
}: {
  opened: boolean
  onClose: () => void
  customerId: string | null
}) {
  const phone = useMediaQuery('(max-width: 36em)')
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={700}>Report an OOPS!</Text>}
      size="lg"
      fullScreen={phone}
    >
      {opened && <ReportOopsForm initialCustomerId={customerId} onDone={onClose} />}
    </Modal>
  )
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
  const [customerId, setCustomerId] = useState<string | null>(initialCustomerId)
  const [personId, setPersonId] = useState('')
  const [type, setType] = useState<OopsType>('broken_promise')
  const [description, setDescription] = useState('')
  const [severity, setSeverity] = useState<Severity>('medium')
  const [ownerUserId, setOwnerUserId] = useState(me.user.id)
  // "now" unless the person says otherwise: the clock starts when the customer was let down
  const [letDown, setLetDown] = useState(() => localInputValue(new Date()))
  const [letDownTouched, setLetDownTouched] = useState(false)
  const [tried, setTried] = useState(false)

  const customer = useCustomerBrief(customerId)
  const people = customerId && customer.data?.id === customerId ? customer.data.people : []

  const owners = useMemo(
    () =>
      (members.data ?? [])
        .filter((m) => m.role !== 'marketing')
        .map((m) => ({ value: m.userId, label: m.userId === me.user.id ? `${m.name} (me)` : m.name })),
    [members.data, me.user.id],
  )

  const letDownDate = letDown ? new Date(letDown) : null
  const letDownError = !letDown
    ? tried
      ? 'Give the moment the customer was let down.'
      : null
    : Number.isNaN(letDownDate?.getTime())
      ? 'That is not a date and time.'
      : (letDownDate as Date).getTime() > Date.now() + 60_000
        ? 'That is in the future: give the moment the customer was let down (or leave it at now).'
        : null
  const apiField =
    openOops.error instanceof ApiError ? (openOops.error.details?.field as string | undefined) : undefined

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (!customerId || description.trim().length < 3 || letDownError) return
    openOops.mutate(
      {
        customerId,
        personId: personId || null,
        type,
        description: description.trim(),
        severity,
        ...(letDownTouched && letDownDate ? { letDownAt: letDownDate.toISOString() } : {}),
        ownerUserId,
      },
      {
        onSuccess: (o) => {
          notifySuccess('The clock is running. Contact the customer first.', 'OOPS! reported')
          onDone()
          navigate(`/w/${slug}/recoveries/${o.id}`)
        },
      },
    )
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          Whoever has the customer in front of them owns it. The 24-hour clock starts when the customer was
          let down.
        </Text>
        {initialCustomerId ? (
          <TextInput label="Customer" value={customer.data?.name ?? '…'} readOnly variant="filled" />
        ) : (
          <CustomerSelect
            value={customerId}
            onChange={(id) => {
              setCustomerId(id)
              setPersonId('')
            }}
            error={tried && !customerId ? 'Choose the customer who was let down.' : undefined}
          />
        )}
        {people.length > 0 && (
          <NativeSelect
            label="Affected person"
            description="Who was let down: messages and the feedback link go to them."
            value={personId}
            onChange={(e) => setPersonId(e.currentTarget.value)}
            data={[
              { value: '', label: `Nobody in particular (${customer.data?.name ?? 'the customer'})` },
              ...people.map((p) => ({ value: p.id, label: p.title ? `${p.name} · ${p.title}` : p.name })),
            ]}
          />
        )}
        <NativeSelect
          label="What kind of OOPS!"
          value={type}
          onChange={(e) => setType(e.currentTarget.value as OopsType)}
          data={OOPS_TYPES.map((t) => ({ value: t, label: OOPS_TYPE_LABELS[t] }))}
        />
        <Textarea
          label="What happened"
          placeholder="What went wrong, in a sentence"
          autosize
          minRows={3}
          maxRows={8}
          maxLength={5000}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={
            tried && description.trim().length < 3
              ? 'Say what happened, in a sentence.'
              : apiField === 'description'
                ? true
                : undefined
          }
        />
        <TextInput
          type="datetime-local"
          label="When the customer was let down"
          description={letDownTouched ? 'The clock runs from this moment.' : 'Now, unless you change it.'}
          value={letDown}
          max={localInputValue(new Date())}
          onChange={(e) => {
            setLetDown(e.currentTarget.value)
            setLetDownTouched(true)
          }}
          error={letDownError ?? (apiField === 'letDownAt' ? true : undefined)}
        />
        <Input.Wrapper label="Severity" labelElement="div" id="severity">
          <SegmentedControl
            aria-labelledby="severity-label"
            value={severity}
            onChange={(v) => setSeverity(v as Severity)}
            data={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s] }))}
            fullWidth
            color={severity === 'critical' ? 'red' : severity === 'high' ? 'orange' : undefined}
          />
        </Input.Wrapper>
        <NativeSelect
          label="Owner"
          description="Who has the customer in front of them; hand it on later if that changes."
          value={ownerUserId}
          onChange={(e) => setOwnerUserId(e.currentTarget.value)}
          data={owners.length ? owners : [{ value: me.user.id, label: `${me.user.name} (me)` }]}
        />
        <FormError error={openOops.error} title="The OOPS! was not reported" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={openOops.isPending}>
            Report and start the clock
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Pick a customer by name or external id, searched on the server as you type. */
function CustomerSelect({
  value,
  onChange,
  error,
}: {
  value: string | null
  onChange: (id: string | null) => void
  error?: string | undefined
}) {
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search, 200)
  const list = useCustomerPicker(debounced, true)
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null)
  const data = useMemo(() => {
    const rows = (list.data ?? []).map((c) => ({
      value: c.id,
      label: c.externalId && c.externalId !== c.name ? `${c.name} (${c.externalId})` : c.name,
    }))
    if (chosen && !rows.some((r) => r.value === chosen.value)) rows.unshift(chosen)
    return rows
  }, [list.data, chosen])
  return (
    <Select
      label="Customer"
      placeholder="Type a name"
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      // the server searched (typos tolerated): show what it found; until it answers, narrow the
      // previous answer here
      filter={list.isPlaceholderData || search !== debounced ? undefined : ({ options }) => options}
      onChange={(v, option) => {
        setChosen(option ?? null)
        onChange(v)
      }}
      nothingFoundMessage={list.isFetching ? 'Searching…' : 'No customer matches'}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  )
}
