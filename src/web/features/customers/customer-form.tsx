import {
  Autocomplete,
  Button,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { FormError } from '../../app/form-error.tsx'
import type { CustomerDetail, CustomerFieldsInput, CustomerSummary } from '../../app/types.ts'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { KIND_LABELS } from './customer-words.tsx'

const KIND_OPTIONS = (Object.keys(KIND_LABELS) as CustomerSummary['kind'][]).map((k) => ({
  value: k,
  label: KIND_LABELS[k],
}))

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null)

/** The customer's own fields, to add a customer or edit one. */
export function CustomerFormModal({
  opened,
  onClose,
  title,
  submitLabel,
  initial,
  segments = [],
  currency,
  pending,
  error,
  onSubmit,
}: {
  opened: boolean
  onClose: () => void
  title: string
  submitLabel: string
  initial?: CustomerDetail | undefined
  segments?: string[]
  currency?: string | undefined
  pending: boolean
  error: unknown
  onSubmit: (input: CustomerFieldsInput) => void
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={700}>{title}</Text>} size="lg">
      {/* mounted only while open: each opening starts from the customer as it is now */}
      {opened && (
        <CustomerForm
          initial={initial}
          segments={segments}
          currency={currency}
          pending={pending}
          error={error}
          submitLabel={submitLabel}
          onCancel={onClose}
          onSubmit={onSubmit}
        />
      )}
    </Modal>
  )
}

function CustomerForm({
  initial,
  segments,
  currency,
  pending,
  error,
  submitLabel,
  onCancel,
  onSubmit,
}: {
  initial?: CustomerDetail | undefined
  segments: string[]
  currency?: string | undefined
  pending: boolean
  error: unknown
  submitLabel: string
  onCancel: () => void
  onSubmit: (input: CustomerFieldsInput) => void
}) {
  const members = useMembers()
  const [name, setName] = useState(initial?.name ?? '')
  const [kind, setKind] = useState<CustomerSummary['kind']>(initial?.kind ?? 'organisation')
  const [externalId, setExternalId] = useState(initial?.externalId ?? '')
  const [segment, setSegment] = useState(initial?.segment ?? '')
  const [country, setCountry] = useState(initial?.country ?? '')
  const [owner, setOwner] = useState(initial?.ownerUserId ?? '')
  const [spend, setSpend] = useState<string | number>(initial?.value.estimatedCategorySpend ?? '')
  const [notes, setNotes] = useState(initial?.notes ?? '')

  const ownerOptions = [
    { value: '', label: 'No owner' },
    ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name })),
  ]
  // the current owner stays selectable while the members load (or after they left)
  if (initial?.ownerUserId && !ownerOptions.some((o) => o.value === initial.ownerUserId)) {
    ownerOptions.push({ value: initial.ownerUserId, label: initial.ownerName ?? 'Current owner' })
  }

  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit({
      name: name.trim(),
      kind,
      externalId: orNull(externalId),
      segment: orNull(segment),
      country: orNull(country),
      ownerUserId: owner || null,
      notes: orNull(notes),
      estimatedCategorySpend: typeof spend === 'number' ? spend : null,
    })
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormError error={error} />
        <TextInput
          label="Name"
          placeholder="Northwind Traders"
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NativeSelect
            label="Kind"
            data={KIND_OPTIONS}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as CustomerSummary['kind'])}
          />
          <TextInput
            label="External id"
            description="Their number in your other systems."
            placeholder="12346"
            value={externalId}
            onChange={(e) => setExternalId(e.currentTarget.value)}
          />
          <Autocomplete
            label="Segment"
            placeholder="Wholesale"
            data={segments}
            value={segment}
            onChange={setSegment}
          />
          <TextInput
            label="Country"
            placeholder="United Kingdom"
            value={country}
            onChange={(e) => setCountry(e.currentTarget.value)}
          />
          <NativeSelect
            label="Owner"
            description="Who has this customer in front of them."
            data={ownerOptions}
            value={owner}
            onChange={(e) => setOwner(e.currentTarget.value)}
          />
          <NumberInput
            label="Estimated category spend"
            description="What they spend a year on what you sell, with anyone."
            placeholder="Unknown"
            min={0}
            thousandSeparator=","
            prefix={currency ? `${currency} ` : undefined}
            allowNegative={false}
            value={spend}
            onChange={setSpend}
          />
        </SimpleGrid>
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          maxRows={6}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!name.trim()}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
