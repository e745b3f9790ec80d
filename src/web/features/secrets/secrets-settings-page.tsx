import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  Skeleton,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core'
import {
  IconArrowDown,
  IconArrowUp,
  IconLock,
  IconLockCog,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { categoryInputSchema, questionInputSchema } from '../../../schemas/secrets.schemas.ts'
import { FormError } from '../../app/form-error.tsx'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { ErrorPanel } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { actionsColumn, type Column, DataTable } from '../../ui/data-table.tsx'
import { Form } from '../../ui/form.tsx'
import { FormButtons } from '../../ui/form-modal.tsx'
import { ListCard } from '../../ui/list-card.tsx'
import { type FormMutation, MutationFormModal } from '../../ui/mutation-form-modal.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import {
  useAddCategory,
  useAddQuestion,
  useCategories,
  usePatchQuestion,
  useQuestions,
  useRemoveCategory,
  useRemoveQuestion,
  useUpdateSecretsSettings,
} from './secrets-api.ts'
import type { Question, SecretCategory } from './secrets-types.ts'

const SCOPE_LABELS: Record<SecretCategory['scope'], string> = {
  person: 'A person',
  organisation: 'An organisation',
  any: 'Either',
}

/** `/w/:slug/settings/secrets` (admins): categories, the question bank and the privacy switch. */
export function SecretsSettingsPage() {
  const { role } = useWorkspace()
  const categories = useCategories()
  return (
    <>
      <PageHeader
        title="Secrets & privacy"
        icon={<IconLockCog size={24} stroke={1.6} />}
        description="The categories secrets are sorted into, the questions your secret agents are offered next, and whether special categories of personal data may be recorded at all."
      />
      {role !== 'admin' ? (
        <Alert color="gray" icon={<IconLock size={18} />} title="Admins only">
          Only an admin changes the categories, the question bank and the privacy settings.
        </Alert>
      ) : categories.isError ? (
        <ErrorPanel error={categories.error} onRetry={() => categories.refetch()} />
      ) : !categories.data ? (
        <Stack>
          <Skeleton h={100} />
          <Skeleton h={300} />
        </Stack>
      ) : (
        <Stack gap="xl">
          <PrivacyCard sensitive={categories.data.sensitiveCategories} />
          <QuestionBankCard categories={categories.data.categories} />
          <CategoriesCard categories={categories.data.categories} />
        </Stack>
      )}
    </>
  )
}

function PrivacyCard({ sensitive }: { sensitive: boolean }) {
  const update = useUpdateSecretsSettings()
  return (
    <Card component="section" aria-label="Privacy">
      <Title order={2} fz="lg" mb="xs">
        Privacy
      </Title>
      <Switch
        checked={sensitive}
        disabled={update.isPending}
        onChange={(e) =>
          update.mutate(
            { sensitiveCategories: e.currentTarget.checked },
            {
              onSuccess: (s) =>
                notifySuccess(
                  s.sensitiveCategories
                    ? 'Special categories may be recorded where the customer consented.'
                    : 'Special categories are refused from now on.',
                ),
              onError: (err) => notifyError(err),
            },
          )
        }
        label="Record special categories of personal data"
        description="Health, religion, political views, sexual orientation, ethnicity, union membership and criminal record. Off: they are refused with a clear message. On: they are accepted only for customers whose consent is recorded on their page."
      />
    </Card>
  )
}

/** What the add-category form sends: the label, whom it is about, its cue words (the key is made from the label). */
const newCategorySchema = categoryInputSchema.pick({ label: true, scope: true, cues: true })
type NewCategory = { label: string; scope: SecretCategory['scope']; cues: string[] }
const noCategory: NewCategory = { label: '', scope: 'any', cues: [] }

function CategoriesCard({ categories }: { categories: SecretCategory[] }) {
  const add = useAddCategory()
  const remove = useRemoveCategory()
  const [removing, setRemoving] = useState<SecretCategory | null>(null)
  const form = useSchemaForm<NewCategory>(newCategorySchema, noCategory)
  const columns: Column<SecretCategory>[] = [
    {
      key: 'category',
      header: 'Category',
      phone: 'title',
      cell: (c) => (
        <>
          <Text fz="sm" fw={500}>
            {c.label}
          </Text>
          <Text fz="xs" c="dimmed" ff="monospace">
            {c.key}
          </Text>
        </>
      ),
    },
    { key: 'about', header: 'About', cell: (c) => <Text fz="sm">{SCOPE_LABELS[c.scope]}</Text> },
    {
      key: 'kind',
      header: 'Kind',
      cell: (c) => (
        <Group gap={4}>
          <Badge size="sm" variant="light" color={c.builtin ? 'gray' : 'violet'}>
            {c.builtin ? 'Built in' : 'Added'}
          </Badge>
          {c.sensitive && (
            <Badge size="sm" variant="light" color="red">
              Special category
            </Badge>
          )}
        </Group>
      ),
    },
    actionsColumn((c) =>
      c.builtin ? null : (
        <Tooltip label="Remove">
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={`Remove category ${c.label}`}
            onClick={() => {
              remove.reset()
              setRemoving(c)
            }}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      ),
    ),
  ]
  return (
    <ListCard
      label="Categories"
      title="Categories"
      description="The source’s taxonomy is built in. Add what fits your business; a category you added can be removed while no secret uses it."
    >
      <DataTable
        label="Categories"
        rows={categories}
        rowKey={(c) => c.key}
        columns={columns}
        empty={null}
        dense
        minWidth={520}
      />
      <Form
        aria-label="Add a category"
        onSubmit={form.onSubmit((v) =>
          add.mutate(
            { label: v.label.trim(), scope: v.scope, cues: v.cues },
            {
              onSuccess: (c) => {
                notifySuccess(`“${c.label}” is a category now.`, 'Category added')
                form.reset()
              },
            },
          ),
        )}
      >
        <Stack gap="sm" p="lg">
          <Title order={3} fz="md">
            Add a category
          </Title>
          <Group gap="sm" align="flex-start" wrap="wrap">
            <TextInput
              label="Label"
              placeholder="e.g. Favourite wine"
              required
              style={{ flex: '1 1 200px' }}
              {...form.getInputProps('label')}
            />
            <NativeSelect
              label="About"
              data={(['any', 'person', 'organisation'] as const).map((s) => ({
                value: s,
                label: SCOPE_LABELS[s],
              }))}
              w={{ base: '100%', xs: 170 }}
              {...form.getInputProps('scope')}
            />
          </Group>
          <TagsInput
            label="Cue words"
            description="Words that suggest this category when someone types what they heard (press Enter after each)."
            placeholder="e.g. merlot, vintage"
            {...form.getInputProps('cues')}
          />
          <FormError error={add.error} />
          <FormButtons
            submitLabel="Add category"
            submitIcon={<IconPlus size={16} />}
            pending={add.isPending}
          />
        </Stack>
      </Form>
      <ConfirmDialog
        opened={!!removing}
        title={`Remove “${removing?.label}”?`}
        confirmLabel="Remove"
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.key, {
            onSuccess: () => {
              notifySuccess(`“${removing.label}” is removed.`)
              setRemoving(null)
            },
          })
        }
      >
        A category that secrets are recorded under cannot be removed: move them first.
      </ConfirmDialog>
    </ListCard>
  )
}

function QuestionBankCard({ categories }: { categories: SecretCategory[] }) {
  const questions = useQuestions()
  const [category, setCategory] = useState(categories[0]?.key ?? '')
  const add = useAddQuestion()
  const patch = usePatchQuestion()
  const remove = useRemoveQuestion()
  const newQuestion = useSchemaForm(questionTextSchema, { text: '' })
  const [editing, setEditing] = useState<Question | null>(null)
  const [moving, setMoving] = useState(false)

  const counts = useMemo(() => {
    const m = new Map<string, number>()
    for (const q of questions.data ?? []) m.set(q.category, (m.get(q.category) ?? 0) + 1)
    return m
  }, [questions.data])
  const list = (questions.data ?? [])
    .filter((q) => q.category === category)
    .sort((a, b) => a.position - b.position)

  // renumber the category 0, 1, 2… with the one moved; only what changed is sent
  const move = async (index: number, by: -1 | 1) => {
    const target = index + by
    if (target < 0 || target >= list.length) return
    const order = [...list]
    const [q] = order.splice(index, 1)
    order.splice(target, 0, q!)
    setMoving(true)
    try {
      for (const [i, x] of order.entries()) {
        if (x.position !== i) await patch.mutateAsync({ id: x.id, patch: { position: i } })
      }
    } catch (e) {
      notifyError(e)
    } finally {
      setMoving(false)
    }
  }

  return (
    <Card component="section" aria-label="Question bank">
      <Stack gap={2} mb="md">
        <Title order={2} fz="lg">
          Question bank
        </Title>
        <Text fz="sm" c="dimmed">
          Good questions per category. The capture loop offers them in this order, categories with nothing
          known first, and rotates through a category’s questions.
        </Text>
      </Stack>
      <NativeSelect
        label="Category"
        data={categories.map((c) => ({
          value: c.key,
          label: `${c.label} (${counts.get(c.key) ?? 0})`,
        }))}
        value={category}
        onChange={(e) => {
          setCategory(e.currentTarget.value)
          add.reset()
        }}
        maw={420}
        mb="md"
      />
      {questions.isPending ? (
        <Skeleton h={120} />
      ) : questions.isError ? (
        <Text c="red" fz="sm">
          The question bank did not load. {questions.error.message}
        </Text>
      ) : (
        <Stack gap={6} component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Questions">
          {list.length === 0 && (
            <Text fz="sm" c="dimmed">
              No question for this category yet: the capture loop skips it until you add one.
            </Text>
          )}
          {list.map((q, i) => (
            <Group
              key={q.id}
              component="li"
              gap="xs"
              wrap="nowrap"
              p="xs"
              style={{
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 'var(--mantine-radius-md)',
              }}
            >
              <Text fz="sm" c="dimmed" w={20} ta="right">
                {i + 1}.
              </Text>
              <Text fz="sm" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
                {q.text}
              </Text>
              <Group gap={2} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Move up: ${q.text}`}
                  disabled={i === 0 || moving}
                  onClick={() => move(i, -1)}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Move down: ${q.text}`}
                  disabled={i === list.length - 1 || moving}
                  onClick={() => move(i, 1)}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Edit: ${q.text}`}
                  onClick={() => setEditing(q)}
                >
                  <IconPencil size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Delete: ${q.text}`}
                  onClick={() => remove.mutate(q.id, { onError: (e) => notifyError(e) })}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Group>
          ))}
        </Stack>
      )}
      <Form
        onSubmit={newQuestion.onSubmit((v) =>
          add.mutate({ category, text: v.text.trim() }, { onSuccess: () => newQuestion.reset() }),
        )}
        aria-label="Add a question"
      >
        <Group gap="sm" align="flex-end" mt="md" wrap="wrap">
          <TextInput
            label="New question"
            placeholder="e.g. What would make this year a great one for you?"
            required
            style={{ flex: '1 1 280px' }}
            {...newQuestion.getInputProps('text')}
          />
          <Button type="submit" leftSection={<IconPlus size={16} />} loading={add.isPending}>
            Add question
          </Button>
        </Group>
        <FormError error={add.error} />
      </Form>
      {editing && <EditQuestion q={editing} onClose={() => setEditing(null)} />}
    </Card>
  )
}

/** A question's words alone, with the bank's limits and messages. */
const questionTextSchema = questionInputSchema.pick({ text: true })

function EditQuestion({ q, onClose }: { q: Question; onClose: () => void }) {
  const patch = usePatchQuestion()
  const form = useSchemaForm(questionTextSchema, { text: q.text })
  const edit: FormMutation<string, Question> = {
    ...patch,
    mutate: (text, o) => patch.mutate({ id: q.id, patch: { text } }, o),
  }
  return (
    <MutationFormModal
      title="Edit the question"
      form={form}
      mutation={edit}
      toInput={(v) => v.text.trim()}
      onSaved={() => undefined}
      onClose={onClose}
      submitLabel="Save"
    >
      <Textarea
        label="Question"
        autosize
        minRows={2}
        required
        data-autofocus
        {...form.getInputProps('text')}
      />
    </MutationFormModal>
  )
}
