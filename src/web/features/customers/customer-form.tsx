import { Autocomplete, NativeSelect, NumberInput, SimpleGrid, Textarea, TextInput } from '@mantine/core'
import { customerInputSchema } from '../../../schemas/customers.schemas.ts'
import type { CustomerDetail, CustomerFieldsInput, CustomerSummary } from '../../app/types.ts'
import { FormModal } from '../../ui/form-modal.tsx'
import { orNull, useSchemaForm } from '../../ui/use-schema-form.ts'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { KIND_LABELS } from './customer-words.tsx'

const KIND_OPTIONS = (Object.keys(KIND_LABELS) as CustomerSummary['kind'][]).map((k) => ({
  value: k,
  label: KIND_LABELS[k],
}))

type Values = {
  name: string
  kind: CustomerSummary['kind']
  externalId: string
  segment: string
  country: string
  ownerUserId: string
  estimatedCategorySpend: number | null
  notes: string
}

/** What the inputs hold, as the API reads it: empty text is null. */
const toInput = (v: Values): CustomerFieldsInput => ({
  name: v.name.trim(),
  kind: v.kind,
  externalId: orNull(v.externalId),
  segment: orNull(v.segment),
  country: orNull(v.country),
  ownerUserId: v.ownerUserId || null,
  notes: orNull(v.notes),
  estimatedCategorySpend: v.estimatedCategorySpend,
})

/** The customer's own fields, to add a customer or edit one (customerInputSchema: limits and messages). */
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
  // mounted only while open: each opening starts from the customer as it is now
  if (!opened) return null
  return (
    <CustomerForm
      title={title}
      initial={initial}
      segments={segments}
      currency={currency}
      pending={pending}
      error={error}
      submitLabel={submitLabel}
      onClose={onClose}
      onSubmit={onSubmit}
    />
  )
}

function CustomerForm({
  title,
  initial,
  segments,
  currency,
  pending,
  error,
  submitLabel,
  onClose,
  onSubmit,
}: {
  title: string
  initial?: CustomerDetail | undefined
  segments: string[]
  currency?: string | undefined
  pending: boolean
  error: unknown
  submitLabel: string
  onClose: () => void
  onSubmit: (input: CustomerFieldsInput) => void
}) {
  const members = useMembers()
  const form = useSchemaForm<Values>(
    customerInputSchema,
    {
      name: initial?.name ?? '',
      kind: initial?.kind ?? 'organisation',
      externalId: initial?.externalId ?? '',
      segment: initial?.segment ?? '',
      country: initial?.country ?? '',
      ownerUserId: initial?.ownerUserId ?? '',
      estimatedCategorySpend: initial?.value.estimatedCategorySpend ?? null,
      notes: initial?.notes ?? '',
    },
    { toInput },
  )

  const ownerOptions = [
    { value: '', label: 'No owner' },
    ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name })),
  ]
  // the current owner stays selectable while the members load (or after they left)
  if (initial?.ownerUserId && !ownerOptions.some((o) => o.value === initial.ownerUserId)) {
    ownerOptions.push({ value: initial.ownerUserId, label: initial.ownerName ?? 'Current owner' })
  }

  return (
    <FormModal
      opened
      title={title}
      size="lg"
      onClose={onClose}
      onSubmit={form.onSubmit((v) => onSubmit(toInput(v)))}
      submitLabel={submitLabel}
      submitDisabled={!form.values.name.trim()}
      pending={pending}
      error={error}
    >
      <TextInput
        label="Name"
        placeholder="Northwind Traders"
        required
        data-autofocus
        {...form.getInputProps('name')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <NativeSelect label="Kind" data={KIND_OPTIONS} {...form.getInputProps('kind')} />
        <TextInput
          label="External id"
          description="Their number in your other systems."
          placeholder="12346"
          {...form.getInputProps('externalId')}
        />
        <Autocomplete
          label="Segment"
          placeholder="Wholesale"
          data={segments}
          {...form.getInputProps('segment')}
        />
        <TextInput label="Country" placeholder="United Kingdom" {...form.getInputProps('country')} />
        <NativeSelect
          label="Owner"
          description="Who has this customer in front of them."
          data={ownerOptions}
          {...form.getInputProps('ownerUserId')}
        />
        <NumberInput
          label="Estimated category spend"
          description="What they spend a year on what you sell, with anyone."
          placeholder="Unknown"
          min={0}
          thousandSeparator=","
          prefix={currency ? `${currency} ` : undefined}
          allowNegative={false}
          {...form.getInputProps('estimatedCategorySpend')}
          value={form.values.estimatedCategorySpend ?? ''}
          onChange={(v) => form.setFieldValue('estimatedCategorySpend', typeof v === 'number' ? v : null)}
        />
      </SimpleGrid>
      <Textarea label="Notes" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
    </FormModal>
  )
}
