import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  SimpleGrid,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core'
import { IconHeartHandshake, IconPencil, IconTrash, IconUserPlus, IconUsers } from '@tabler/icons-react'
import type { UseMutationResult } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { personInputSchema, relationInputSchema } from '../../../schemas/customers.schemas.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import type { CustomerDetail, Person, Relation, RelationKind } from '../../app/types.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { actionsColumn, type Column } from '../../ui/data-table.tsx'
import { formatDate } from '../../ui/format.ts'
import { type FormMutation, MutationFormModal } from '../../ui/mutation-form-modal.tsx'
import { TableCard } from '../../ui/table-card.tsx'
import { orNull, useSchemaForm } from '../../ui/use-schema-form.ts'
import { RELATION_COLORS, RELATION_KINDS, RELATION_LABELS } from './customer-words.tsx'
import {
  type PersonInput,
  type RelationInput,
  useAddPerson,
  useAddRelation,
  useRemovePerson,
  useRemoveRelation,
  useUpdatePerson,
} from './customers-api.ts'

/**
 * "Remove X?" for a row of a section: removes it on confirmation, then says so (or why not) in a
 * toast, the toast's title the first or second of `titles`.
 */
function RemoveDialog<T extends { id: string; name: string }>({
  item,
  remove,
  onClose,
  titles: [done, failed],
  children,
}: {
  item: T | null
  remove: UseMutationResult<unknown, Error, string>
  onClose: () => void
  titles: [string, string]
  /** What removing it does, in a sentence. */
  children: (item: T) => string
}) {
  return (
    <ConfirmDialog
      opened={!!item}
      title={`Remove ${item?.name}?`}
      confirmLabel="Remove"
      pending={remove.isPending}
      onCancel={onClose}
      onConfirm={() => {
        if (!item) return
        remove.mutate(item.id, {
          onSuccess: () => notifySuccess(`${item.name} was removed.`, done),
          onError: (e) => notifyError(e, failed),
          onSettled: onClose,
        })
      }}
    >
      {item ? children(item) : undefined}
    </ConfirmDialog>
  )
}

/** A section's add button: the form opens fresh, without the last attempt's error. */
function AddButton({
  mutation,
  onClick,
  children,
}: {
  mutation: { reset: () => void }
  onClick: () => void
  children: ReactNode
}) {
  return (
    <Button
      variant="light"
      leftSection={<IconUserPlus size={16} />}
      onClick={() => {
        mutation.reset()
        onClick()
      }}
    >
      {children}
    </Button>
  )
}

/** A row's icon button, its tooltip saying what it does and `label` naming it for a screen reader. */
function RowButton({
  tip,
  label,
  color,
  icon,
  onClick,
}: {
  tip: string
  label: string
  color: string
  icon: ReactNode
  onClick: () => void
}) {
  return (
    <Tooltip label={tip}>
      <ActionIcon variant="subtle" color={color} aria-label={label} onClick={onClick}>
        {icon}
      </ActionIcon>
    </Tooltip>
  )
}

const RemoveButton = ({ label, onClick }: { label: string; onClick: () => void }) => (
  <RowButton tip="Remove" label={label} color="red" icon={<IconTrash size={16} />} onClick={onClick} />
)

/** An organisation's decision makers. */
export function PeopleSection({ c }: { c: CustomerDetail }) {
  const add = useAddPerson(c.id)
  const update = useUpdatePerson(c.id)
  const remove = useRemovePerson(c.id)
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<Person | null>(null)
  const [removing, setRemoving] = useState<Person | null>(null)

  const columns: Column<Person>[] = [
    {
      key: 'name',
      header: 'Name',
      phone: 'title',
      cell: (p) => (
        <Text fz="sm" fw={600}>
          {p.name}
        </Text>
      ),
    },
    { key: 'title', header: 'Title', cell: (p) => <Text fz="sm">{p.title ?? '—'}</Text> },
    {
      key: 'email',
      header: 'Email',
      cell: (p) =>
        p.email ? (
          <Anchor href={`mailto:${p.email}`} fz="sm" className="dazzle-email">
            {p.email}
          </Anchor>
        ) : (
          <Text fz="sm">—</Text>
        ),
    },
    {
      key: 'phone',
      header: 'Phone',
      nowrap: true,
      cell: (p) =>
        p.phone ? (
          <Anchor href={`tel:${p.phone.replace(/\s+/g, '')}`} fz="sm">
            {p.phone}
          </Anchor>
        ) : (
          <Text fz="sm">—</Text>
        ),
    },
    actionsColumn((p) => (
      <Group gap={4} justify="flex-end" wrap="nowrap">
        <RowButton
          tip="Update"
          label={`Update ${p.name}`}
          color="gray"
          icon={<IconPencil size={16} />}
          onClick={() => {
            update.reset()
            setEditing(p)
          }}
        />
        <RemoveButton label={`Remove ${p.name}`} onClick={() => setRemoving(p)} />
      </Group>
    )),
  ]

  return (
    <TableCard
      label="People"
      icon={<IconUsers size={20} stroke={1.6} aria-hidden />}
      title="People"
      description={`The decision makers at ${c.name}: know each of them by name.`}
      summary={
        <AddButton mutation={add} onClick={() => setAdding(true)}>
          Add person
        </AddButton>
      }
      table={{
        rows: c.people,
        rowKey: (p) => p.id,
        columns,
        empty: 'Nobody recorded yet. Who signs the orders, and who influences them?',
      }}
    >
      {adding && (
        <PersonDialog
          title="Add a person"
          submitLabel="Add person"
          mutation={add}
          onSaved={(p) => notifySuccess(`${p.name} is one of ${c.name}’s people.`, 'Person added')}
          onClose={() => setAdding(false)}
        />
      )}
      {editing && (
        <PersonDialog
          title={`Update ${editing.name}`}
          initial={editing}
          submitLabel="Save person"
          mutation={{ ...update, mutate: (input, o) => update.mutate({ personId: editing.id, input }, o) }}
          onSaved={(p) => notifySuccess(`${p.name} is up to date.`, 'Person saved')}
          onClose={() => setEditing(null)}
        />
      )}
      <RemoveDialog
        item={removing}
        remove={remove}
        onClose={() => setRemoving(null)}
        titles={['Person removed', 'Person not removed']}
      >
        {(who) =>
          `${who.name} will no longer be listed among ${c.name}’s people, and relations recorded as theirs become the customer’s own.`
        }
      </RemoveDialog>
    </TableCard>
  )
}

/** Add or update a person: the fields of personInputSchema, its limits and messages. */
function PersonDialog({
  title,
  initial,
  submitLabel,
  mutation,
  onSaved,
  onClose,
}: {
  title: string
  initial?: Person
  submitLabel: string
  mutation: FormMutation<PersonInput, Person>
  onSaved: (person: Person) => void
  onClose: () => void
}) {
  const toInput = (v: { name: string; title: string; email: string; phone: string }): PersonInput => ({
    name: v.name.trim(),
    title: orNull(v.title),
    email: orNull(v.email),
    phone: orNull(v.phone),
  })
  const form = useSchemaForm(
    personInputSchema,
    {
      name: initial?.name ?? '',
      title: initial?.title ?? '',
      email: initial?.email ?? '',
      phone: initial?.phone ?? '',
    },
    { toInput },
  )
  return (
    <MutationFormModal
      title={title}
      form={form}
      mutation={mutation}
      toInput={toInput}
      onSaved={onSaved}
      onClose={onClose}
      submitLabel={submitLabel}
      submitDisabled={!form.values.name.trim()}
    >
      <TextInput
        label="Name"
        placeholder="Margaret Hale"
        required
        data-autofocus
        {...form.getInputProps('name')}
      />
      <TextInput label="Title" placeholder="Head of purchasing" {...form.getInputProps('title')} />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput
          label="Email"
          type="email"
          placeholder="margaret@example.com"
          {...form.getInputProps('email')}
        />
        <TextInput label="Phone" type="tel" placeholder="+44 20 7946 0000" {...form.getInputProps('phone')} />
      </SimpleGrid>
    </MutationFormModal>
  )
}

/** Family and key people: the source says know your top customers by name, spouse and children. */
export function FamilySection({ c }: { c: CustomerDetail }) {
  const add = useAddRelation(c.id)
  const remove = useRemoveRelation(c.id)
  const [adding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<Relation | null>(null)
  const whose = (r: Relation) =>
    r.personId ? (c.people.find((p) => p.id === r.personId)?.name ?? 'A former contact') : c.name

  const columns: Column<Relation>[] = [
    {
      key: 'kind',
      header: 'Kind',
      cell: (r) => (
        <Badge color={RELATION_COLORS[r.kind]} variant="light">
          {RELATION_LABELS[r.kind]}
        </Badge>
      ),
    },
    {
      key: 'name',
      header: 'Name',
      phone: 'title',
      cell: (r) => (
        <Text fz="sm" fw={600}>
          {r.name}
        </Text>
      ),
    },
    {
      key: 'birthday',
      header: 'Birthday',
      nowrap: true,
      cell: (r) => <Text fz="sm">{r.birthday ? formatDate(`${r.birthday}T12:00:00Z`) : '—'}</Text>,
    },
    { key: 'whose', header: 'Whose', cell: (r) => <Text fz="sm">{whose(r)}</Text> },
    {
      key: 'notes',
      header: 'Notes',
      minWidth: 160,
      cell: (r) => (
        <Text fz="sm" c={r.notes ? undefined : 'dimmed'}>
          {r.notes ?? '—'}
        </Text>
      ),
    },
    actionsColumn((r) => (
      <RemoveButton
        label={`Remove ${r.name} (${RELATION_LABELS[r.kind].toLowerCase()})`}
        onClick={() => setRemoving(r)}
      />
    )),
  ]

  return (
    <TableCard
      label="Family & key people"
      icon={<IconHeartHandshake size={20} stroke={1.6} aria-hidden />}
      title="Family & key people"
      description="Spouses, partners, children, assistants and friends, by name: what you know of them makes a thank-you or a recovery personal."
      summary={
        <AddButton mutation={add} onClick={() => setAdding(true)}>
          Add family or key person
        </AddButton>
      }
      table={{
        rows: c.relations,
        rowKey: (r) => r.id,
        columns,
        empty: 'No family or key people recorded yet. What is the name of their spouse? Their children?',
      }}
    >
      {adding && (
        <RelationDialog
          c={c}
          mutation={add}
          onSaved={(r) => notifySuccess(`${r.name} is now on record.`, 'Added')}
          onClose={() => setAdding(false)}
        />
      )}
      <RemoveDialog
        item={removing}
        remove={remove}
        onClose={() => setRemoving(null)}
        titles={['Removed', 'Not removed']}
      >
        {(who) => `${who.name} and what you noted about them will no longer be on record.`}
      </RemoveDialog>
    </TableCard>
  )
}

/** Add family or a key person: the fields of relationInputSchema, its limits and messages. */
function RelationDialog({
  c,
  mutation,
  onSaved,
  onClose,
}: {
  c: CustomerDetail
  mutation: FormMutation<RelationInput, Relation>
  onSaved: (relation: Relation) => void
  onClose: () => void
}) {
  const toInput = (v: {
    kind: RelationKind
    name: string
    birthday: string
    personId: string
    notes: string
  }): RelationInput => ({
    kind: v.kind,
    name: v.name.trim(),
    birthday: v.birthday || null,
    personId: v.personId || null,
    notes: orNull(v.notes),
  })
  const form = useSchemaForm(
    relationInputSchema,
    { kind: 'spouse' as RelationKind, name: '', birthday: '', personId: '', notes: '' },
    { toInput },
  )
  const whoseOptions = [
    { value: '', label: c.kind === 'person' ? c.name : `${c.name} (the customer)` },
    ...c.people.map((p) => ({ value: p.id, label: p.title ? `${p.name}, ${p.title}` : p.name })),
  ]
  return (
    <MutationFormModal
      title="Add family or a key person"
      form={form}
      mutation={mutation}
      toInput={toInput}
      onSaved={onSaved}
      onClose={onClose}
      submitLabel="Add to record"
      submitDisabled={!form.values.name.trim()}
    >
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <NativeSelect
          label="Kind"
          data={RELATION_KINDS.map((k) => ({ value: k, label: RELATION_LABELS[k] }))}
          {...form.getInputProps('kind')}
        />
        <NativeSelect
          label="Whose relation"
          data={whoseOptions}
          {...form.getInputProps('personId')}
          disabled={c.people.length === 0}
        />
      </SimpleGrid>
      <TextInput
        label="Name"
        placeholder="Emma"
        description="The source says: know them by name."
        required
        data-autofocus
        {...form.getInputProps('name')}
      />
      <TextInput
        label="Birthday"
        type="date"
        {...form.getInputProps('birthday')}
        w={{ base: '100%', xs: 220 }}
      />
      <Textarea
        label="Notes"
        placeholder="Plays cello; starts university in September"
        autosize
        minRows={2}
        {...form.getInputProps('notes')}
      />
    </MutationFormModal>
  )
}
