import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core'
import { IconHeartHandshake, IconPencil, IconTrash, IconUserPlus, IconUsers } from '@tabler/icons-react'
import { type FormEvent, type ReactNode, useState } from 'react'
import { FormError } from '../../app/form-error.tsx'
import { formatDate } from '../../app/format.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import type { CustomerDetail, Person, Relation, RelationKind } from '../../app/types.ts'
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

const orNull = (s: string): string | null => (s.trim() ? s.trim() : null)

function SectionHeader({
  icon,
  title,
  text,
  action,
}: {
  icon: ReactNode
  title: string
  text: string
  action: ReactNode
}) {
  return (
    <Group justify="space-between" align="flex-start" p="lg" pb="sm" gap="sm">
      <Stack gap={2} style={{ flex: '1 1 260px' }}>
        <Group gap="sm">
          {icon}
          <Title order={2} fz="lg">
            {title}
          </Title>
        </Group>
        <Text fz="sm" c="dimmed">
          {text}
        </Text>
      </Stack>
      {action}
    </Group>
  )
}

/** An organisation's decision makers. */
export function PeopleSection({ c }: { c: CustomerDetail }) {
  const add = useAddPerson(c.id)
  const update = useUpdatePerson(c.id)
  const remove = useRemovePerson(c.id)
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<Person | null>(null)
  const [removing, setRemoving] = useState<Person | null>(null)

  return (
    <Card p={0} component="section" aria-label="People">
      <SectionHeader
        icon={<IconUsers size={20} stroke={1.6} aria-hidden />}
        title="People"
        text={`The decision makers at ${c.name}: know each of them by name.`}
        action={
          <Button
            variant="light"
            leftSection={<IconUserPlus size={16} />}
            onClick={() => {
              add.reset()
              setAdding(true)
            }}
          >
            Add person
          </Button>
        }
      />
      {c.people.length === 0 ? (
        <Text fz="sm" c="dimmed" px="lg" pb="lg">
          Nobody recorded yet. Who signs the orders, and who influences them?
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table className="dazzle-table" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Title</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Phone</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.people.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Text fz="sm" fw={600}>
                      {p.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm">{p.title ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    {p.email ? (
                      <Anchor href={`mailto:${p.email}`} fz="sm" style={{ overflowWrap: 'anywhere' }}>
                        {p.email}
                      </Anchor>
                    ) : (
                      <Text fz="sm">—</Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {p.phone ? (
                      <Anchor href={`tel:${p.phone.replace(/\s+/g, '')}`} fz="sm">
                        {p.phone}
                      </Anchor>
                    ) : (
                      <Text fz="sm">—</Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Tooltip label="Update">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Update ${p.name}`}
                          onClick={() => {
                            update.reset()
                            setEditing(p)
                          }}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                      </Tooltip>
                      <Tooltip label="Remove">
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Remove ${p.name}`}
                          onClick={() => setRemoving(p)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Tooltip>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={adding} onClose={() => setAdding(false)} title={<Text fw={700}>Add a person</Text>}>
        {adding && (
          <PersonForm
            submitLabel="Add person"
            pending={add.isPending}
            error={add.error}
            onCancel={() => setAdding(false)}
            onSubmit={(input) =>
              add.mutate(input, {
                onSuccess: () => {
                  setAdding(false)
                  notifySuccess(`${input.name} is one of ${c.name}’s people.`, 'Person added')
                },
              })
            }
          />
        )}
      </Modal>
      <Modal
        opened={!!editing}
        onClose={() => setEditing(null)}
        title={<Text fw={700}>Update {editing?.name}</Text>}
      >
        {editing && (
          <PersonForm
            initial={editing}
            submitLabel="Save person"
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(null)}
            onSubmit={(input) =>
              update.mutate(
                { personId: editing.id, input },
                {
                  onSuccess: () => {
                    setEditing(null)
                    notifySuccess(`${input.name} is up to date.`, 'Person saved')
                  },
                },
              )
            }
          />
        )}
      </Modal>
      <ConfirmRemove
        opened={!!removing}
        title={`Remove ${removing?.name}?`}
        text={`${removing?.name} will no longer be listed among ${c.name}’s people, and relations recorded as theirs become the customer’s own.`}
        pending={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return
          const who = removing
          remove.mutate(who.id, {
            onSuccess: () => notifySuccess(`${who.name} was removed.`, 'Person removed'),
            onError: (e) => notifyError(e, 'Person not removed'),
            onSettled: () => setRemoving(null),
          })
        }}
      />
    </Card>
  )
}

function PersonForm({
  initial,
  submitLabel,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  initial?: Person
  submitLabel: string
  pending: boolean
  error: unknown
  onCancel: () => void
  onSubmit: (input: PersonInput) => void
}) {
  const [name, setName] = useState(initial?.name ?? '')
  const [title, setTitle] = useState(initial?.title ?? '')
  const [email, setEmail] = useState(initial?.email ?? '')
  const [phone, setPhone] = useState(initial?.phone ?? '')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit({ name: name.trim(), title: orNull(title), email: orNull(email), phone: orNull(phone) })
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormError error={error} />
        <TextInput
          label="Name"
          placeholder="Margaret Hale"
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          label="Title"
          placeholder="Head of purchasing"
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <TextInput
            label="Email"
            type="email"
            placeholder="margaret@example.com"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <TextInput
            label="Phone"
            type="tel"
            placeholder="+44 20 7946 0000"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
          />
        </SimpleGrid>
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

/** Family and key people: the source says know your top customers by name, spouse and children. */
export function FamilySection({ c }: { c: CustomerDetail }) {
  const add = useAddRelation(c.id)
  const remove = useRemoveRelation(c.id)
  const [adding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<Relation | null>(null)
  const whose = (r: Relation) =>
    r.personId ? (c.people.find((p) => p.id === r.personId)?.name ?? 'A former contact') : c.name

  return (
    <Card p={0} component="section" aria-label="Family & key people">
      <SectionHeader
        icon={<IconHeartHandshake size={20} stroke={1.6} aria-hidden />}
        title="Family & key people"
        text="Spouses, partners, children, assistants and friends, by name: what you know of them makes a thank-you or a recovery personal."
        action={
          <Button
            variant="light"
            leftSection={<IconUserPlus size={16} />}
            onClick={() => {
              add.reset()
              setAdding(true)
            }}
          >
            Add family or key person
          </Button>
        }
      />
      {c.relations.length === 0 ? (
        <Text fz="sm" c="dimmed" px="lg" pb="lg">
          No family or key people recorded yet. What is the name of their spouse? Their children?
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table className="dazzle-table" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Name</Table.Th>
                <Table.Th>Birthday</Table.Th>
                <Table.Th>Whose</Table.Th>
                <Table.Th>Notes</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.relations.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Badge color={RELATION_COLORS[r.kind]} variant="light">
                      {RELATION_LABELS[r.kind]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" fw={600}>
                      {r.name}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text fz="sm">{r.birthday ? formatDate(`${r.birthday}T12:00:00Z`) : '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm">{whose(r)}</Text>
                  </Table.Td>
                  <Table.Td miw={160}>
                    <Text fz="sm" c={r.notes ? undefined : 'dimmed'}>
                      {r.notes ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Tooltip label="Remove">
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Remove ${r.name} (${RELATION_LABELS[r.kind].toLowerCase()})`}
                        onClick={() => setRemoving(r)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={<Text fw={700}>Add family or a key person</Text>}
      >
        {adding && (
          <RelationForm
            c={c}
            pending={add.isPending}
            error={add.error}
            onCancel={() => setAdding(false)}
            onSubmit={(input) =>
              add.mutate(input, {
                onSuccess: () => {
                  setAdding(false)
                  notifySuccess(`${input.name} is now on record.`, 'Added')
                },
              })
            }
          />
        )}
      </Modal>
      <ConfirmRemove
        opened={!!removing}
        title={`Remove ${removing?.name}?`}
        text={`${removing?.name} and what you noted about them will no longer be on record.`}
        pending={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return
          const who = removing
          remove.mutate(who.id, {
            onSuccess: () => notifySuccess(`${who.name} was removed.`, 'Removed'),
            onError: (e) => notifyError(e, 'Not removed'),
            onSettled: () => setRemoving(null),
          })
        }}
      />
    </Card>
  )
}

function RelationForm({
  c,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  c: CustomerDetail
  pending: boolean
  error: unknown
  onCancel: () => void
  onSubmit: (input: RelationInput) => void
}) {
  const [kind, setKind] = useState<RelationKind>('spouse')
  const [name, setName] = useState('')
  const [birthday, setBirthday] = useState('')
  const [personId, setPersonId] = useState('')
  const [notes, setNotes] = useState('')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onSubmit({
      kind,
      name: name.trim(),
      birthday: birthday || null,
      personId: personId || null,
      notes: orNull(notes),
    })
  }
  const whoseOptions = [
    { value: '', label: c.kind === 'person' ? c.name : `${c.name} (the customer)` },
    ...c.people.map((p) => ({ value: p.id, label: p.title ? `${p.name}, ${p.title}` : p.name })),
  ]
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormError error={error} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NativeSelect
            label="Kind"
            data={RELATION_KINDS.map((k) => ({ value: k, label: RELATION_LABELS[k] }))}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as RelationKind)}
          />
          <NativeSelect
            label="Whose relation"
            data={whoseOptions}
            value={personId}
            onChange={(e) => setPersonId(e.currentTarget.value)}
            disabled={c.people.length === 0}
          />
        </SimpleGrid>
        <TextInput
          label="Name"
          placeholder="Emma"
          description="The source says: know them by name."
          required
          data-autofocus
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          label="Birthday"
          type="date"
          value={birthday}
          onChange={(e) => setBirthday(e.currentTarget.value)}
          w={{ base: '100%', xs: 220 }}
        />
        <Textarea
          label="Notes"
          placeholder="Plays cello; starts university in September"
          autosize
          minRows={2}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!name.trim()}>
            Add to record
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function ConfirmRemove({
  opened,
  title,
  text,
  pending,
  onCancel,
  onConfirm,
}: {
  opened: boolean
  title: string
  text: string
  pending: boolean
  onCancel: () => void
  onConfirm: () => void
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title={<Text fw={700}>{title}</Text>}>
      <Stack gap="lg">
        <Text fz="sm">{text}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button color="red" loading={pending} onClick={onConfirm}>
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
