import {
  Badge,
  Button,
  Card,
  Group,
  Kbd,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core'
import { IconCheck, IconClipboardText, IconPencil, IconX } from '@tabler/icons-react'
import { type Dispatch, type KeyboardEvent, type SetStateAction, useEffect, useRef, useState } from 'react'
import type { z } from 'zod'
import { CHANNEL_LABELS, type EngagementChannel } from '../../../domain/secrets/taxonomy.ts'
import {
  NOTES_MAX,
  type secretProposalSchema,
  type secretProposalsSchema,
} from '../../../schemas/notes.schemas.ts'
import { notifyError } from '../../app/notify.ts'
import type { CustomerDetail } from '../../app/types.ts'
import { useWorkspaceMutation } from '../../app/workspace-mutation.ts'
import { Dialog } from '../../ui/dialog.tsx'
import { FormModal } from '../../ui/form-modal.tsx'
import { formatDate } from '../../ui/format.ts'
import { useMayRecord } from './customer-secrets.tsx'
import { useCategories, useEngagements, useRecordSecret } from './secrets-api.ts'

type Proposal = z.infer<typeof secretProposalSchema>
type Proposals = z.infer<typeof secretProposalsSchema>
type State = 'pending' | 'saving' | 'accepted' | 'dropped'
interface Row extends Proposal {
  /** stable while the list is open */
  id: string
  state: State
}

const STATE_LABELS: Record<State, string> = {
  pending: '',
  saving: 'Recording…',
  accepted: 'Recorded',
  dropped: 'Dropped',
}

const useProposeFromNotes = (customerId: string) =>
  useWorkspaceMutation<{ notes: string; engagementId: string | null }, Proposals>((body) => ({
    path: `/customers/${encodeURIComponent(customerId)}/notes/proposals`,
    method: 'POST',
    body,
  }))

/**
 * Notes → secrets on a customer's page: paste what was heard (meeting notes or a call transcript),
 * get one candidate secret per fact, and accept, edit or drop each with one key. Accepting records
 * the secret the one way secrets are recorded, to the engagement the notes came from.
 */
export function NotesToSecretsCard({ c }: { c: CustomerDetail }) {
  const mayRecord = useMayRecord()
  const [pasting, setPasting] = useState(false)
  const [rows, setRows] = useState<Row[] | null>(null)
  const [engagementId, setEngagementId] = useState<string | null>(null)
  if (!mayRecord) return null
  return (
    <Card component="section" aria-label="Notes to secrets">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={30} radius="md" variant="light" aria-hidden>
            <IconClipboardText size={18} stroke={1.6} />
          </ThemeIcon>
          <div>
            <Title order={2} fz="lg">
              From your notes
            </Title>
            <Text fz="sm" c="dimmed">
              Paste meeting notes or a call transcript: Dazzle proposes the secrets in it, one fact each.
            </Text>
          </div>
        </Group>
        <Button
          variant="light"
          leftSection={<IconClipboardText size={16} />}
          onClick={() => setPasting(true)}
        >
          Paste notes
        </Button>
      </Group>
      <PasteNotesModal
        c={c}
        opened={pasting}
        onClose={() => setPasting(false)}
        onProposals={(p) => {
          setPasting(false)
          setEngagementId(p.engagementId)
          setRows(p.proposals.map((x, n) => ({ ...x, id: `proposal-${n}`, state: 'pending' })))
        }}
      />
      {rows && (
        <ProposalsDialog
          c={c}
          rows={rows}
          engagementId={engagementId}
          onChange={setRows}
          onClose={() => setRows(null)}
        />
      )}
    </Card>
  )
}

function PasteNotesModal({
  c,
  opened,
  onClose,
  onProposals,
}: {
  c: CustomerDetail
  opened: boolean
  onClose: () => void
  onProposals: (p: Proposals) => void
}) {
  const propose = useProposeFromNotes(c.id)
  const engagements = useEngagements(c.id, opened)
  const [notes, setNotes] = useState('')
  const [engagementId, setEngagementId] = useState<string | null>(null)
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title="Paste notes"
      size="lg"
      submitLabel="Propose secrets"
      pending={propose.isPending}
      error={propose.error}
      errorTitle="Nothing was proposed"
      submitDisabled={!notes.trim()}
      onSubmit={() =>
        propose.mutate(
          { notes, engagementId },
          {
            onSuccess: (p) => {
              setNotes('')
              onProposals(p)
            },
          },
        )
      }
    >
      <Textarea
        label="Notes or transcript"
        description="A transcript's lines start with who spoke (“Grace: …”); your own turns are left out."
        autosize
        minRows={8}
        maxRows={18}
        maxLength={NOTES_MAX}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        data-autofocus
      />
      <Select
        label="From engagement"
        placeholder="None"
        clearable
        data={(engagements.data ?? []).map((e) => ({
          value: e.id,
          label: `${formatDate(e.occurredAt)} · ${CHANNEL_LABELS[e.channel as EngagementChannel] ?? e.channel}${e.summary ? ` · ${e.summary}` : ''}`,
        }))}
        value={engagementId}
        onChange={setEngagementId}
      />
    </FormModal>
  )
}

function ProposalsDialog({
  c,
  rows,
  engagementId,
  onChange,
  onClose,
}: {
  c: CustomerDetail
  rows: Row[]
  engagementId: string | null
  onChange: Dispatch<SetStateAction<Row[] | null>>
  onClose: () => void
}) {
  const record = useRecordSecret(c.id)
  const categories = useCategories()
  const options = (categories.data?.categories ?? []).map((k) => ({ value: k.key, label: k.label }))
  const labelOf = (key: string | null) => options.find((o) => o.value === key)?.label ?? null
  const [focus, setFocus] = useState(0)
  const [editing, setEditing] = useState<number | null>(null)
  const refs = useRef<(HTMLDivElement | null)[]>([])
  const pending = rows.filter((r) => r.state === 'pending').length

  useEffect(() => {
    if (editing === null) refs.current[focus]?.focus()
  }, [focus, editing])

  // functional updates: two quick accepts each land on the rows as they are by then
  const set = (i: number, patch: Partial<Row>) =>
    onChange((prev) => prev?.map((r, k) => (k === i ? { ...r, ...patch } : r)) ?? null)
  const next = (from: number) => {
    const after = rows.findIndex((r, k) => k > from && r.state === 'pending')
    setFocus(after >= 0 ? after : from)
  }
  const accept = (i: number, edited?: { text: string; category: string | null }) => {
    const r = rows[i]!
    const text = edited?.text ?? r.text
    const category = edited?.category ?? r.category
    if (!category) {
      setEditing(i)
      return
    }
    set(i, { state: 'saving' })
    setEditing(null)
    next(i)
    record.mutate(
      { personId: r.personId, category, layer: r.layer, text, certainty: 'heard', engagementId },
      {
        onSuccess: () => set(i, { text, category, state: 'accepted' }),
        onError: (e) => {
          set(i, { state: 'pending' })
          notifyError(e, 'The secret was not recorded')
        },
      },
    )
  }
  const drop = (i: number) => {
    set(i, { state: 'dropped' })
    next(i)
  }
  const onKey = (i: number) => (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return
    const key = e.key.toLowerCase()
    const act: Record<string, () => void> = {
      a: () => rows[i]!.state === 'pending' && accept(i),
      e: () => rows[i]!.state === 'pending' && setEditing(i),
      d: () => rows[i]!.state === 'pending' && drop(i),
      arrowdown: () => setFocus(Math.min(rows.length - 1, i + 1)),
      j: () => setFocus(Math.min(rows.length - 1, i + 1)),
      arrowup: () => setFocus(Math.max(0, i - 1)),
      k: () => setFocus(Math.max(0, i - 1)),
    }
    const run = act[key]
    if (!run) return
    e.preventDefault()
    e.stopPropagation()
    run()
  }

  return (
    <Dialog opened onClose={onClose} title="Proposed secrets" size="lg">
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          {rows.length === 0
            ? 'No facts about the customer were found in these notes.'
            : `${pending} of ${rows.length} still to decide.`}{' '}
          <Kbd>A</Kbd> accept · <Kbd>E</Kbd> edit · <Kbd>D</Kbd> drop · <Kbd>↑</Kbd> <Kbd>↓</Kbd> move
        </Text>
        <Stack gap="xs" role="list" aria-label="Proposals">
          {rows.map((r, i) => (
            <Paper
              key={r.id}
              ref={(el) => {
                refs.current[i] = el
              }}
              role="listitem"
              tabIndex={0}
              // the dialog's focus trap puts the cursor on the first proposal, ready for A, E or D
              data-autofocus={i === 0 || undefined}
              aria-label={`Proposal ${i + 1}: ${r.text}`}
              withBorder
              p="sm"
              onKeyDown={onKey(i)}
              onFocus={() => setFocus(i)}
              style={{
                opacity: r.state === 'dropped' ? 0.5 : 1,
                // where A, E and D act: visible without a mouse
                borderColor: focus === i ? 'var(--mantine-primary-color-filled)' : undefined,
                outline: 'none',
              }}
            >
              {editing === i ? (
                <EditProposal
                  row={r}
                  options={options}
                  pending={record.isPending}
                  onSave={(edited) => accept(i, edited)}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Stack gap={2} style={{ flex: '1 1 260px' }}>
                    <Text fz="sm" fw={500} td={r.state === 'dropped' ? 'line-through' : undefined}>
                      {r.text}
                    </Text>
                    <Group gap={6}>
                      {r.aboutName && (
                        <Badge variant="light" size="sm">
                          {r.aboutName}
                        </Badge>
                      )}
                      <Badge variant="outline" size="sm" color={r.category ? undefined : 'orange'}>
                        {labelOf(r.category) ?? 'Choose a category'}
                      </Badge>
                      {r.layer === 'need' && (
                        <Badge variant="outline" size="sm" color="gray">
                          Need
                        </Badge>
                      )}
                      {r.duplicateOf && (
                        <Badge variant="light" size="sm" color="yellow">
                          Already known
                        </Badge>
                      )}
                      {r.state !== 'pending' && (
                        <Badge size="sm" color={r.state === 'dropped' ? 'gray' : 'teal'}>
                          {STATE_LABELS[r.state]}
                        </Badge>
                      )}
                    </Group>
                    <Text fz="xs" c="dimmed">
                      Heard: “{r.heard}”
                    </Text>
                  </Stack>
                  {r.state === 'pending' && (
                    <Group gap={4}>
                      <Button
                        size="compact-sm"
                        variant="light"
                        leftSection={<IconCheck size={14} />}
                        onClick={() => accept(i)}
                        tabIndex={-1}
                      >
                        Accept
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        leftSection={<IconPencil size={14} />}
                        onClick={() => setEditing(i)}
                        tabIndex={-1}
                      >
                        Edit
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="gray"
                        leftSection={<IconX size={14} />}
                        onClick={() => drop(i)}
                        tabIndex={-1}
                      >
                        Drop
                      </Button>
                    </Group>
                  )}
                </Group>
              )}
            </Paper>
          ))}
        </Stack>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Dialog>
  )
}

function EditProposal({
  row,
  options,
  pending,
  onSave,
  onCancel,
}: {
  row: Row
  options: { value: string; label: string }[]
  pending: boolean
  onSave: (edited: { text: string; category: string | null }) => void
  onCancel: () => void
}) {
  const [text, setText] = useState(row.text)
  const [category, setCategory] = useState<string | null>(row.category)
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        if (text.trim() && category) onSave({ text: text.trim(), category })
      }}
      onKeyDown={(e) => {
        // Escape leaves the edit, not the whole list
        if (e.key === 'Escape') {
          e.stopPropagation()
          onCancel()
        }
      }}
    >
      <Stack gap="xs">
        <TextInput
          label="Secret"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={1000}
          autoFocus
        />
        <Select
          label="Category"
          data={options}
          value={category}
          onChange={setCategory}
          searchable
          error={category ? undefined : 'Choose a category.'}
        />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" size="compact-sm" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" size="compact-sm" loading={pending} disabled={!text.trim() || !category}>
            Record
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
