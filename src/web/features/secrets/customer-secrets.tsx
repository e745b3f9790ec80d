import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Menu,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core'
import {
  IconBook2,
  IconCheck,
  IconDots,
  IconHistory,
  IconLockHeart,
  IconMicrophone2,
  IconPencil,
  IconReplace,
  IconShieldCheck,
  IconTrash,
} from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { Link } from 'react-router'
import { STALE_AFTER_DAYS } from '../../../domain/secrets/coverage.ts'
import { consentInputSchema, secretInputSchema } from '../../../schemas/secrets.schemas.ts'
import { formatDate, formatDateTime, fromNow } from '../../app/format.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import type { CustomerDetail } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { FormModal } from '../../ui/form-modal.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { CapturePanel } from './capture-panel.tsx'
import { EngagementsCard } from './engagements-card.tsx'
import { SecretText } from './secret-text.tsx'
import {
  useCategories,
  useConsent,
  useDeleteSecret,
  usePatchSecret,
  useRecordConsent,
  useRecordSecret,
  useSecrets,
} from './secrets-api.ts'
import type { Certainty, Layer, Secret, SecretCategory } from './secrets-types.ts'
import { CERTAINTY_SHORT } from './secrets-words.ts'
import { WhatWeKnow } from './what-we-know.tsx'

const STALE_MS = STALE_AFTER_DAYS * 24 * 60 * 60 * 1000

/** Roles that record secrets (the API's `secrets.write`). */
export const useMayRecord = () => {
  const { role } = useWorkspace()
  return role !== 'marketing'
}

/**
 * The secrets layer of one customer, on their page: what we know, the gathering loop, every active
 * secret by category (history on demand), and the engagements they were heard in.
 */
export function CustomerSecretsSection({ c }: { c: CustomerDetail }) {
  const { slug } = useWorkspace()
  const mayRecord = useMayRecord()
  return (
    <Stack gap="lg" component="section" aria-label="Secrets" data-slot="secrets">
      <Grid gap="lg">
        {mayRecord && (
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card h="100%">
              <Group gap="sm" mb="md" justify="space-between" wrap="nowrap">
                <Group gap="sm" wrap="nowrap">
                  <ThemeIcon size={30} radius="md" variant="light" aria-hidden>
                    <IconMicrophone2 size={18} stroke={1.6} />
                  </ThemeIcon>
                  <Title order={2} fz="lg">
                    Ask, listen, record
                  </Title>
                </Group>
              </Group>
              <CapturePanel customer={{ id: c.id, name: c.name, kind: c.kind, people: c.people }} />
            </Card>
          </Grid.Col>
        )}
        <Grid.Col span={{ base: 12, md: mayRecord ? 5 : 12 }}>
          <Card h="100%">
            <Group gap="sm" mb="md" wrap="nowrap">
              <ThemeIcon size={30} radius="md" variant="light" aria-hidden>
                <IconLockHeart size={18} stroke={1.6} />
              </ThemeIcon>
              <Title order={2} fz="lg">
                What we know
              </Title>
            </Group>
            <WhatWeKnow customerId={c.id} />
            <Button
              component={Link}
              to={`/w/${slug}/customers/${encodeURIComponent(c.id)}/manual`}
              variant="light"
              fullWidth
              mt="md"
              leftSection={<IconBook2 size={16} />}
            >
              Open the secrets manual
            </Button>
            <ConsentLine customerId={c.id} />
          </Card>
        </Grid.Col>
      </Grid>
      <SecretsByCategory c={c} />
      <EngagementsCard c={c} />
    </Stack>
  )
}

/** Special categories of personal data need the workspace's setting and this customer's consent. */
function ConsentLine({ customerId }: { customerId: string }) {
  const consent = useConsent(customerId)
  const mayRecord = useMayRecord()
  const record = useRecordConsent(customerId)
  const [open, setOpen] = useState(false)
  if (!consent.data) return null
  const { consentAt, sensitiveCategories } = consent.data
  return (
    <Group gap="xs" mt="md" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
      <IconShieldCheck size={16} stroke={1.6} aria-hidden color="var(--mantine-color-dimmed)" />
      <Text fz="xs" c="dimmed" style={{ flex: '1 1 220px' }}>
        {consentAt
          ? `Consent to special categories recorded ${formatDate(consentAt)}${consent.data.note ? ` (${consent.data.note})` : ''}.`
          : 'No consent to special categories (health, religion…) recorded.'}
        {!sensitiveCategories && ' This workspace does not record them.'}
      </Text>
      {mayRecord && (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => {
            record.reset()
            setOpen(true)
          }}
        >
          {consentAt ? 'Withdraw consent' : 'Record consent'}
        </Button>
      )}
      {open && (
        <ConsentDialog withdraw={!!consentAt} customerId={customerId} onClose={() => setOpen(false)} />
      )}
    </Group>
  )
}

type Dialog = { kind: 'edit' | 'supersede' | 'delete'; secret: Secret } | null

/** Record the customer's consent to special categories, or withdraw it (consentInputSchema). */
function ConsentDialog({
  withdraw,
  customerId,
  onClose,
}: {
  withdraw: boolean
  customerId: string
  onClose: () => void
}) {
  const record = useRecordConsent(customerId)
  const toInput = (v: { note: string }) =>
    withdraw ? { consented: false } : { consented: true, note: v.note.trim() || null }
  const form = useSchemaForm(consentInputSchema, { note: '' }, { toInput })
  return (
    <FormModal
      opened
      onClose={onClose}
      title={withdraw ? 'Withdraw consent' : 'Record the customer’s consent'}
      onSubmit={form.onSubmit((v) =>
        record.mutate(toInput(v), {
          onSuccess: () => {
            onClose()
            notifySuccess(withdraw ? 'Consent withdrawn.' : 'Consent recorded.')
          },
        }),
      )}
      submitLabel={withdraw ? 'Withdraw consent' : 'Record consent'}
      submitColor={withdraw ? 'red' : undefined}
      pending={record.isPending}
      error={record.error}
    >
      <Text fz="sm">
        {withdraw
          ? 'From now on no secret in a special category can be recorded for this customer. Those already recorded stay until someone removes them.'
          : 'Record that the customer agreed to you holding special categories of personal data about them (such as health or religion). The audit trail keeps who recorded it and when.'}
      </Text>
      {!withdraw && (
        <TextInput
          label="How and when was consent given?"
          placeholder="e.g. signed form, 3 June"
          {...form.getInputProps('note')}
          data-autofocus
        />
      )}
    </FormModal>
  )
}

function SecretsByCategory({ c }: { c: CustomerDetail }) {
  const [history, setHistory] = useState(false)
  const active = useSecrets(c.id, 'active')
  const outdated = useSecrets(c.id, 'outdated', history)
  const categories = useCategories()
  const [dialog, setDialog] = useState<Dialog>(null)

  const grouped = useMemo(() => {
    const order = (categories.data?.categories ?? []).map((x) => x.key)
    const all = [...(active.data ?? []), ...(history ? (outdated.data ?? []) : [])]
    const keys = [...new Set(all.map((s) => s.category))].sort(
      (a, b) => (order.indexOf(a) + 1 || 999) - (order.indexOf(b) + 1 || 999),
    )
    return keys.map((key) => ({
      key,
      label: all.find((s) => s.category === key)?.categoryLabel ?? key,
      active: (active.data ?? []).filter((s) => s.category === key),
      outdated: history ? (outdated.data ?? []).filter((s) => s.category === key) : [],
    }))
  }, [active.data, outdated.data, history, categories.data])

  return (
    <Card>
      <Group justify="space-between" mb="md" gap="sm">
        <Title order={2} fz="lg">
          Secrets by category
        </Title>
        <Switch
          label="Show history"
          checked={history}
          onChange={(e) => setHistory(e.currentTarget.checked)}
          thumbIcon={history ? <IconHistory size={10} /> : undefined}
        />
      </Group>
      {active.isPending ? (
        <Stack gap="xs">
          <Skeleton h={20} w="40%" />
          <Skeleton h={40} />
          <Skeleton h={40} />
        </Stack>
      ) : active.isError ? (
        <Text c="red" fz="sm">
          The secrets did not load. {active.error.message}
        </Text>
      ) : grouped.length === 0 ? (
        <Text fz="sm" c="dimmed">
          No secret recorded for {c.name} yet. Ask one of the questions above and record the answer.
        </Text>
      ) : (
        <Stack gap="lg">
          {grouped.map((g) => (
            <div key={g.key}>
              <Group gap={8} mb={6}>
                <Title order={3} fz="sm">
                  {g.label}
                </Title>
                <Badge size="xs" variant="light" color="gray">
                  {g.active.length}
                </Badge>
              </Group>
              <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {g.active.map((s) => (
                  <SecretRow key={s.id} s={s} onDialog={setDialog} />
                ))}
                {g.outdated.map((s) => (
                  <SecretRow key={s.id} s={s} onDialog={setDialog} />
                ))}
              </Stack>
            </div>
          ))}
        </Stack>
      )}
      <SecretDialogs c={c} dialog={dialog} onClose={() => setDialog(null)} />
    </Card>
  )
}

function SecretRow({ s, onDialog }: { s: Secret; onDialog: (d: Dialog) => void }) {
  const { role, me } = useWorkspace()
  const mayRecord = useMayRecord()
  const mayEdit = role === 'admin' || (s.recordedBy !== null && s.recordedBy === me.user.id)
  const patch = usePatchSecret(s.customerId)
  const outdated = s.status === 'outdated'
  const stale = !outdated && Date.now() - new Date(s.lastConfirmedAt).getTime() > STALE_MS
  return (
    <li data-testid="secret-row" data-status={s.status}>
      <Group
        gap="xs"
        wrap="nowrap"
        align="flex-start"
        p="xs"
        style={{
          borderRadius: 'var(--mantine-radius-md)',
          border: '1px solid var(--mantine-color-default-border)',
          opacity: outdated ? 0.65 : 1,
        }}
      >
        <div style={{ flex: 1, minWidth: 0 }}>
          <SecretText personName={s.personName} text={s.text} struck={outdated} />
          <Group gap={6} mt={4} style={{ rowGap: 2 }}>
            {s.layer === 'need' && (
              <Badge size="xs" variant="outline" color="gray">
                Need
              </Badge>
            )}
            {outdated && (
              <Badge size="xs" variant="light" color="gray">
                {s.supersededBy ? 'Superseded' : 'Outdated'}
                {s.outdatedAt ? ` ${formatDate(s.outdatedAt)}` : ''}
              </Badge>
            )}
            {stale && (
              <Tooltip label="Not confirmed for 180 days: ask again">
                <Badge size="xs" variant="light" color="yellow">
                  Stale
                </Badge>
              </Tooltip>
            )}
            <Text fz="xs" c="dimmed">
              {CERTAINTY_SHORT[s.certainty]} · {s.recordedByName ?? 'Someone'},{' '}
              <Tooltip label={formatDateTime(s.recordedAt)}>
                <span>{formatDate(s.recordedAt)}</span>
              </Tooltip>
              {!outdated && s.lastConfirmedAt !== s.recordedAt && (
                <> · confirmed {fromNow(s.lastConfirmedAt)}</>
              )}
            </Text>
          </Group>
        </div>
        {mayRecord && !outdated && (
          <Group gap={2} wrap="nowrap">
            <Tooltip label="Heard it again: confirm">
              <ActionIcon
                variant="subtle"
                color="teal"
                aria-label={`Confirm: ${s.text.slice(0, 40)}`}
                loading={patch.isPending}
                onClick={() =>
                  patch.mutate(
                    { id: s.id, patch: { confirm: true } },
                    {
                      onSuccess: () => notifySuccess('Confirmed as of today.'),
                      onError: (e) => notifyError(e),
                    },
                  )
                }
              >
                <IconCheck size={16} />
              </ActionIcon>
            </Tooltip>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`More actions: ${s.text.slice(0, 40)}`}>
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item
                  leftSection={<IconReplace size={14} />}
                  onClick={() => onDialog({ kind: 'supersede', secret: s })}
                >
                  Supersede with newer…
                </Menu.Item>
                {mayEdit && (
                  <>
                    <Menu.Item
                      leftSection={<IconPencil size={14} />}
                      onClick={() => onDialog({ kind: 'edit', secret: s })}
                    >
                      Edit…
                    </Menu.Item>
                    <Menu.Item
                      color="red"
                      leftSection={<IconTrash size={14} />}
                      onClick={() => onDialog({ kind: 'delete', secret: s })}
                    >
                      Delete…
                    </Menu.Item>
                  </>
                )}
              </Menu.Dropdown>
            </Menu>
          </Group>
        )}
      </Group>
    </li>
  )
}

function SecretDialogs({ c, dialog, onClose }: { c: CustomerDetail; dialog: Dialog; onClose: () => void }) {
  const categories = useCategories()
  const patch = usePatchSecret(c.id)
  const record = useRecordSecret(c.id)
  const remove = useDeleteSecret(c.id)
  const s = dialog?.secret
  const about = s?.personId || c.kind === 'person' ? 'person' : 'organisation'
  const options = (categories.data?.categories ?? []).filter(
    (x) => (x.scope === 'any' || x.scope === about) && (!x.sensitive || categories.data?.sensitiveCategories),
  )
  const title =
    dialog?.kind === 'edit'
      ? 'Edit the secret'
      : dialog?.kind === 'supersede'
        ? 'Supersede with what is true now'
        : 'Delete the secret'
  if (dialog?.kind === 'delete' && s) {
    return (
      <ConfirmDialog
        opened
        title={title}
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error}
        onCancel={onClose}
        onConfirm={() =>
          remove.mutate(s.id, {
            onSuccess: () => {
              onClose()
              notifySuccess('The secret is deleted.')
            },
          })
        }
      >
        <Text fz="sm">
          Delete this secret for good? If it is no longer true, supersede it with a newer one instead: the
          history is kept.
        </Text>
        <Text fz="sm" fs="italic" style={{ overflowWrap: 'anywhere' }}>
          {s.text}
        </Text>
      </ConfirmDialog>
    )
  }
  if (!dialog || !s || dialog.kind === 'delete') return null
  return (
    <SecretForm
      key={`${dialog.kind}-${s.id}`}
      title={title}
      secret={s}
      mode={dialog.kind}
      options={options}
      pending={patch.isPending || record.isPending}
      error={dialog.kind === 'edit' ? patch.error : record.error}
      onCancel={onClose}
      onSubmit={(v) => {
        if (dialog.kind === 'edit') {
          const changes: Record<string, unknown> = {}
          if (v.text !== s.text) changes.text = v.text
          if (v.category !== s.category) changes.category = v.category
          if (v.certainty !== s.certainty) changes.certainty = v.certainty
          if (v.layer !== s.layer) changes.layer = v.layer
          if (Object.keys(changes).length === 0) return onClose()
          patch.mutate(
            { id: s.id, patch: changes },
            {
              onSuccess: () => {
                onClose()
                notifySuccess('The secret is updated.')
              },
            },
          )
        } else {
          record.mutate(
            { ...v, personId: s.personId, supersedes: s.id, engagementId: null },
            {
              onSuccess: () => {
                onClose()
                notifySuccess('Recorded; the older secret is kept as history.', 'Superseded')
              },
            },
          )
        }
      }}
    />
  )
}

type SecretFormValues = {
  text: string
  category: string
  certainty: Certainty
  layer: Layer
}

/** Edit a secret, or supersede it: the fields of secretInputSchema, its limits and messages. */
function SecretForm({
  title,
  secret,
  mode,
  options,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  title: string
  secret: Secret
  mode: 'edit' | 'supersede'
  options: SecretCategory[]
  pending: boolean
  error: unknown
  onCancel: () => void
  onSubmit: (v: SecretFormValues) => void
}) {
  const form = useSchemaForm<SecretFormValues>(secretInputSchema, {
    text: mode === 'edit' ? secret.text : '',
    category: secret.category,
    certainty: mode === 'edit' ? secret.certainty : 'heard',
    layer: secret.layer,
  })
  return (
    <FormModal
      opened
      title={title}
      size="lg"
      onClose={onCancel}
      onSubmit={form.onSubmit((v) => onSubmit({ ...v, text: v.text.trim() }))}
      submitLabel={mode === 'edit' ? 'Save' : 'Record and supersede'}
      pending={pending}
      error={error}
    >
      {mode === 'supersede' && (
        <Text fz="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          Was: {secret.text}
        </Text>
      )}
      <Textarea
        label={mode === 'edit' ? 'What was heard' : 'What is true now'}
        required
        autosize
        minRows={2}
        {...form.getInputProps('text')}
        data-autofocus
      />
      <Select
        label="Category"
        data={options.map((o) => ({ value: o.key, label: o.label }))}
        value={form.values.category}
        onChange={(x) => x && form.setFieldValue('category', x)}
        error={form.errors.category}
        searchable
        allowDeselect={false}
        comboboxProps={{ withinPortal: true }}
      />
      <Group gap="md">
        <SegmentedControl
          size="xs"
          aria-label="How sure"
          value={form.values.certainty}
          onChange={(x) => form.setFieldValue('certainty', x as Certainty)}
          data={(['heard', 'inferred', 'second_hand'] as const).map((x) => ({
            value: x,
            label: CERTAINTY_SHORT[x],
          }))}
        />
        <SegmentedControl
          size="xs"
          aria-label="Layer"
          value={form.values.layer}
          onChange={(x) => form.setFieldValue('layer', x as Layer)}
          data={[
            { value: 'secret', label: 'Secret' },
            { value: 'need', label: 'Need' },
          ]}
        />
      </Group>
    </FormModal>
  )
}
