import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  type TextProps,
  Title,
} from '@mantine/core'
import {
  IconAlertTriangle,
  IconDownload,
  IconFileImport,
  IconFileTypeCsv,
  IconGift,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react'
import { type ReactNode, useMemo, useState } from 'react'
import { RECOVERY_KINDS, type RecoveryKind } from '../../../domain/recovery/oops.ts'
import {
  SURPRISE_FIELDS,
  SURPRISE_LIMITS,
  type SurpriseField,
} from '../../../domain/recovery/surprise-catalogue.ts'
import { surpriseInputSchema } from '../../../schemas/surprises.schemas.ts'
import { FormError } from '../../app/form-error.tsx'
import { notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { ErrorPanel } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ColumnMapper } from '../../ui/column-mapper.tsx'
import { assignColumn, chosenMapping, mappingFor } from '../../ui/column-mapping.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { actionsColumn, type Column, DataTable } from '../../ui/data-table.tsx'
import { DownloadButton } from '../../ui/download-button.tsx'
import { FilterBar } from '../../ui/filter-bar.tsx'
import { FormModal } from '../../ui/form-modal.tsx'
import { formatCount } from '../../ui/format.ts'
import { type FormMutation, MutationFormModal } from '../../ui/mutation-form-modal.tsx'
import { orNull, useSchemaForm } from '../../ui/use-schema-form.ts'
import { KIND_LABELS } from '../recoveries/recovery-words.ts'
import {
  downloadCatalogue,
  type SurpriseImportReport,
  type SurpriseInput,
  type SurpriseItem,
  useAddSurprise,
  useChangeSurprise,
  useImportSurprises,
  useRemoveSurprise,
  useSurprises,
} from './surprises-api.ts'

const KIND_COLORS: Record<RecoveryKind, string> = {
  gift: 'grape',
  experience: 'indigo',
  upgrade: 'teal',
  discount: 'gray',
  service: 'orange',
  donation: 'pink',
  other: 'gray',
}
const FIELD_LABELS: Record<SurpriseField, string> = {
  key: 'Key',
  title: 'Title',
  description: 'Description',
  cost: 'Cost',
  leadTimeHours: 'Lead time (hours)',
  kind: 'Kind',
  tags: 'Interests it suits',
  active: 'Active',
}

const amount = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })
/** "4 h", "2 days", "1.5 days". */
const leadTime = (h: number) =>
  h < 24 ? `${amount.format(h)} h` : `${amount.format(h / 24)} ${h === 24 ? 'day' : 'days'}`

type Shown = 'active' | 'inactive' | 'all'

/** A cell's text, at the table's size (on a phone's card too). */
const Small = ({ children, ...props }: TextProps & { children: ReactNode }) => (
  <Text fz="sm" {...props}>
    {children}
  </Text>
)

/**
 * The surprise catalogue (issue #5, part 6): what the organisation can offer when it puts a mistake
 * right. Every OOPS! gets suggestions from it, ranked by what we know of the customer; leaders and
 * admins keep it, by hand or from a CSV file.
 */
export function SurprisesPage() {
  const { role } = useWorkspace()
  const canManage = role === 'admin' || role === 'leader'
  const items = useSurprises()
  const remove = useRemoveSurprise()
  const [editing, setEditing] = useState<SurpriseItem | 'new' | null>(null)
  const [removing, setRemoving] = useState<SurpriseItem | null>(null)
  const [importing, setImporting] = useState(false)
  const [shown, setShown] = useState<Shown>('active')
  const [query, setQuery] = useState('')
  const { slug } = useWorkspace()

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase()
    return (items.data ?? []).filter(
      (i) =>
        (shown === 'all' || (shown === 'active') === i.active) &&
        (!q || `${i.title} ${i.description ?? ''} ${i.tags.join(' ')}`.toLowerCase().includes(q)),
    )
  }, [items.data, shown, query])
  const activeCount = (items.data ?? []).filter((i) => i.active).length

  const columns: Column<SurpriseItem>[] = [
    {
      key: 'title',
      header: 'Surprise',
      phone: 'title',
      sortValue: (i) => i.title.toLowerCase(),
      cell: (i) => (
        <>
          <Group gap={6} wrap="nowrap" align="baseline">
            <Text fz="sm" fw={600}>
              {i.title}
            </Text>
            {!i.active && (
              <Badge size="xs" variant="outline" color="gray">
                taken out
              </Badge>
            )}
          </Group>
          {i.description && (
            <Text fz="xs" c="dimmed" lineClamp={2}>
              {i.description}
            </Text>
          )}
          {i.tags.length > 0 && (
            <Group gap={4} mt={4}>
              {i.tags.map((t) => (
                <Badge key={t} size="xs" variant="light" color="gray" tt="none">
                  {t}
                </Badge>
              ))}
            </Group>
          )}
        </>
      ),
    },
    {
      key: 'kind',
      header: 'Kind',
      visibleFrom: 'sm',
      cell: (i) => (
        <Badge color={KIND_COLORS[i.kind]} variant="light">
          {KIND_LABELS[i.kind]}
        </Badge>
      ),
    },
    {
      key: 'cost',
      header: 'Cost',
      align: 'right',
      nowrap: true,
      sortValue: (i) => i.cost,
      cell: (i) => <Small>{amount.format(i.cost)}</Small>,
    },
    {
      key: 'leadTime',
      header: 'Lead time',
      align: 'right',
      nowrap: true,
      visibleFrom: 'sm',
      sortValue: (i) => i.leadTimeHours,
      cell: (i) => <Small>{leadTime(i.leadTimeHours)}</Small>,
    },
    ...(canManage
      ? [
          actionsColumn<SurpriseItem>((i) => (
            <Group gap={4} wrap="nowrap" justify="flex-end">
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPencil size={14} />}
                onClick={() => setEditing(i)}
                aria-label={`Edit ${i.title}`}
              >
                Edit
              </Button>
              <Button
                variant="subtle"
                color="red"
                size="xs"
                leftSection={<IconTrash size={14} />}
                onClick={() => setRemoving(i)}
                aria-label={`Delete ${i.title}`}
              >
                Delete
              </Button>
            </Group>
          )),
        ]
      : []),
  ]

  return (
    <>
      <PageHeader
        title="Surprise catalogue"
        icon={<IconGift size={24} stroke={1.6} />}
        description="What we can offer when we put a mistake right. Every OOPS! is offered the items that fit this customer’s secrets, the plan’s cap and the time left — so tag each with the interests it suits."
        actions={
          <Group gap="sm">
            <DownloadButton
              icon={<IconDownload size={16} />}
              download={() => downloadCatalogue(slug)}
              failed="The catalogue did not download"
            >
              Export CSV
            </DownloadButton>
            {canManage && (
              <>
                <Button
                  variant="default"
                  leftSection={<IconFileImport size={16} />}
                  onClick={() => setImporting(true)}
                >
                  Import CSV
                </Button>
                <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
                  Add surprise
                </Button>
              </>
            )}
          </Group>
        }
      />
      {!canManage && (
        <Alert variant="light" color="gray" mb="lg">
          Leaders and admins keep the catalogue. When you work on an OOPS!, its recovery screen suggests items
          from here that fit this customer.
        </Alert>
      )}
      <Card p={0}>
        <FilterBar
          search={{
            label: 'Search the catalogue',
            placeholder: 'Search titles and interests',
            value: query,
            onChange: setQuery,
          }}
          summary={
            items.data &&
            `${formatCount(activeCount)} in use · ${formatCount(items.data.length - activeCount)} taken out`
          }
        >
          <SegmentedControl
            aria-label="Which items"
            value={shown}
            onChange={(v) => setShown(v as Shown)}
            data={[
              { value: 'active', label: 'In use' },
              { value: 'inactive', label: 'Taken out' },
              { value: 'all', label: 'All' },
            ]}
          />
        </FilterBar>
        {items.isError ? (
          <ErrorPanel error={items.error} onRetry={() => items.refetch()} />
        ) : (
          <DataTable
            label="Surprise catalogue"
            rows={visible}
            rowKey={(i) => i.id}
            columns={columns}
            loading={items.isPending}
            loadingRows={3}
            rowStyle={(i) => (i.active ? undefined : { opacity: 0.6 })}
            empty={
              items.data?.length === 0 ? (
                <Stack gap="xs" px="lg" pb="lg">
                  <Text fw={600}>The catalogue is empty.</Text>
                  <Text c="dimmed" fz="sm">
                    {canManage
                      ? 'Add the surprises you can offer — a bottle of their favourite wine, tickets to their team’s next game, a donation to their cause — or import them from a CSV file.'
                      : 'Ask a leader to add the surprises your team can offer.'}
                  </Text>
                </Stack>
              ) : (
                'Nothing here matches.'
              )
            }
          />
        )}
      </Card>
      <ItemModal item={editing} onClose={() => setEditing(null)} />
      <ConfirmDialog
        opened={!!removing}
        title={`Delete “${removing?.title}”?`}
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => {
          remove.reset()
          setRemoving(null)
        }}
        onConfirm={() => {
          if (!removing) return
          const item = removing
          remove.mutate(item.id, {
            onSuccess: (r) => {
              notifySuccess(
                r.outcome === 'deleted'
                  ? `“${item.title}” is deleted.`
                  : `A customer already received “${item.title}”, so it is kept out of the catalogue rather than deleted: it will never be offered to them again.`,
                r.outcome === 'deleted' ? 'Surprise deleted' : 'Surprise taken out',
              )
              setRemoving(null)
            },
          })
        }}
      >
        If a customer already received it, it is taken out of the catalogue instead, so it is never offered to
        them again.
      </ConfirmDialog>
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </>
  )
}

/** What the inputs hold: '' for no description, '' in a number box left empty. */
type Values = Omit<SurpriseInput, 'description' | 'cost' | 'leadTimeHours'> & {
  description: string
  cost: number | string
  leadTimeHours: number | string
}

const emptyValues: Values = {
  title: '',
  description: '',
  cost: 0,
  leadTimeHours: 4,
  kind: 'gift',
  tags: [],
  active: true,
}

const num = (n: number | string) => (typeof n === 'number' ? n : Number.NaN)

/** As the API reads it; surpriseInputSchema says the limits (SURPRISE_LIMITS) in its words. */
const toInput = (v: Values): SurpriseInput => ({
  ...v,
  title: v.title.trim(),
  description: orNull(v.description),
  cost: num(v.cost),
  leadTimeHours: num(v.leadTimeHours),
})

function ItemModal({ item, onClose }: { item: SurpriseItem | 'new' | null; onClose: () => void }) {
  // mounted only while open: each opening starts from the item as it is now
  return item === null ? null : <ItemForm item={item} onDone={onClose} />
}

function ItemForm({ item, onDone }: { item: SurpriseItem | 'new'; onDone: () => void }) {
  const add = useAddSurprise()
  const change = useChangeSurprise()
  const form = useSchemaForm<Values>(
    surpriseInputSchema,
    item === 'new'
      ? emptyValues
      : {
          title: item.title,
          description: item.description ?? '',
          cost: item.cost,
          leadTimeHours: item.leadTimeHours,
          kind: item.kind,
          tags: item.tags,
          active: item.active,
        },
    { toInput },
  )

  // one item is added or changed: whichever, sent the same way
  const save: FormMutation<SurpriseInput, SurpriseItem> =
    item === 'new' ? add : { ...change, mutate: (patch, o) => change.mutate({ id: item.id, patch }, o) }

  return (
    <MutationFormModal
      title={item === 'new' ? 'Add a surprise' : 'Change this surprise'}
      size="lg"
      form={form}
      mutation={save}
      toInput={toInput}
      onSaved={(r) =>
        item === 'new'
          ? notifySuccess(`“${r.title}” is in the catalogue.`, 'Surprise added')
          : notifySuccess(`“${r.title}” is saved.`, 'Surprise changed')
      }
      onClose={onDone}
      submitLabel={item === 'new' ? 'Add to the catalogue' : 'Save'}
      submitDisabled={form.values.title.trim().length === 0}
    >
      <TextInput
        label="Title"
        placeholder="Two tickets to the next home hockey game"
        required
        data-autofocus
        {...form.getInputProps('title')}
      />
      <Textarea
        label="Description"
        description="Optional: what it is and how it reaches the customer."
        autosize
        minRows={2}
        {...form.getInputProps('description')}
      />
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        <NumberInput
          label="Cost"
          description="Against the plan’s cap."
          min={0}
          decimalScale={2}
          allowNegative={false}
          {...form.getInputProps('cost')}
        />
        <NumberInput
          label="Lead time (h)"
          description="Until it reaches them."
          min={0}
          decimalScale={1}
          allowNegative={false}
          {...form.getInputProps('leadTimeHours')}
        />
        <NativeSelect
          label="Kind"
          description="Plans allow some kinds."
          data={RECOVERY_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          {...form.getInputProps('kind')}
        />
      </SimpleGrid>
      <TagsInput
        label="Interests it suits"
        description="The words people use about them: wine, pinot noir, hockey, coffee… Press Enter after each."
        maxTags={SURPRISE_LIMITS.tags}
        clearable
        {...form.getInputProps('tags')}
      />
      <Switch
        label="In the catalogue (suggested for new recoveries)"
        {...form.getInputProps('active', { type: 'checkbox' })}
      />
    </MutationFormModal>
  )
}

type PreviewRow = SurpriseImportReport['preview'][number]
const WILL_BE: Record<PreviewRow['action'], string> = {
  add: 'added',
  update: 'updated',
  unchanged: 'unchanged',
}

/** The import's preview: each row as it will be stored, and what happens to it. */
const previewColumns: Column<PreviewRow>[] = [
  { key: 'row', header: 'Row', cell: (p) => <Small>{p.row}</Small> },
  {
    key: 'title',
    header: 'Title',
    phone: 'title',
    cell: (p) => (
      <>
        <Small fw={600}>{p.item.title}</Small>
        {p.item.tags.length > 0 && (
          <Text fz="xs" c="dimmed">
            {p.item.tags.join(', ')}
          </Text>
        )}
      </>
    ),
  },
  { key: 'kind', header: 'Kind', cell: (p) => <Small>{KIND_LABELS[p.item.kind]}</Small> },
  { key: 'cost', header: 'Cost', align: 'right', cell: (p) => <Small>{amount.format(p.item.cost)}</Small> },
  {
    key: 'leadTime',
    header: 'Lead time',
    align: 'right',
    cell: (p) => <Small>{leadTime(p.item.leadTimeHours)}</Small>,
  },
  { key: 'action', header: 'Will be', cell: (p) => <Small>{WILL_BE[p.action]}</Small> },
]

function ImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const run = useImportSurprises()
  const [file, setFile] = useState<File | null>(null)
  const [csv, setCsv] = useState('')
  const [report, setReport] = useState<SurpriseImportReport | null>(null)
  const [mapping, setMapping] = useState<Record<string, string> | undefined>(undefined)
  const [keepGoodRows, setKeepGoodRows] = useState(false)

  const reset = () => {
    setFile(null)
    setCsv('')
    setReport(null)
    setMapping(undefined)
    setKeepGoodRows(false)
    run.reset()
  }
  const close = () => {
    reset()
    onClose()
  }
  const check = (text: string, m: Record<string, string> | undefined, keep: boolean) =>
    run.mutate(
      { csv: text, fileName: file?.name ?? 'catalogue.csv', dryRun: true, keepGoodRows: keep, mapping: m },
      { onSuccess: setReport },
    )
  const pick = async (f: File | null) => {
    reset()
    setFile(f)
    if (!f) return
    const text = await f.text()
    setCsv(text)
    check(text, undefined, false)
  }
  const remap = (header: string, field: string) => {
    if (!report) return
    const full = mappingFor(report.headers, mapping ?? report.mapping)
    const next = chosenMapping(assignColumn(full, header, field, { exclusive: true }))
    setMapping(next)
    check(csv, next, keepGoodRows)
  }
  const doImport = () =>
    run.mutate(
      { csv, fileName: file?.name ?? 'catalogue.csv', dryRun: false, keepGoodRows, mapping },
      {
        onSuccess: (r) => {
          if (r.status === 'rejected') {
            setReport(r)
            return
          }
          notifySuccess(
            `${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged${r.errorCount ? `, ${r.errorCount} rows left out` : ''}.`,
            'Catalogue imported',
          )
          close()
        },
      },
    )
  const current = report ? mappingFor(report.headers, mapping ?? report.mapping) : {}
  const refused = report && report.errorCount > 0 && !keepGoodRows
  const willWrite = report ? report.added + report.updated : 0

  return (
    <FormModal
      opened={opened}
      onClose={close}
      title="Import the catalogue from CSV"
      size="xl"
      onSubmit={doImport}
      submitIcon={<IconFileImport size={16} />}
      submitDisabled={!report || !!refused || report.missing.length > 0 || willWrite === 0}
      pending={run.isPending}
      submitLabel={
        !report || refused
          ? 'Import'
          : willWrite === 0
            ? 'Nothing to change'
            : `Import ${willWrite} ${willWrite === 1 ? 'item' : 'items'}`
      }
    >
      <Text fz="sm" c="dimmed">
        One row per surprise. Columns are recognised by their names — Title, Description, Cost, Lead time
        (hours, or “2 days”), Kind ({RECOVERY_KINDS.join(', ')}), Interests (separated by ; or |), Active, and
        an optional Key. Rows are matched by Key (else by title), so importing the same file twice changes
        nothing. Nothing is written until you press Import, and a file with a bad row is refused whole.
      </Text>
      <FileInput
        label="CSV file"
        placeholder="Choose a .csv file"
        accept=".csv,text/csv"
        leftSection={<IconFileTypeCsv size={16} />}
        value={file}
        onChange={(f) => void pick(f)}
        clearable
      />
      <FormError error={run.error} title="The file could not be checked" />
      {report && (
        <>
          {refused ? (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
              As it is, the file would be refused whole: fix the rows below and choose it again, or import
              only the good rows.
            </Alert>
          ) : null}
          <Group gap="xs">
            {!refused && (
              <>
                <Badge color="teal" variant="light">
                  {report.added} to add
                </Badge>
                <Badge color="blue" variant="light">
                  {report.updated} to update
                </Badge>
                <Badge color="gray" variant="light">
                  {report.unchanged} unchanged
                </Badge>
              </>
            )}
            {report.errorCount > 0 && (
              <Badge color="red" variant="light">
                {report.errorCount} {report.errorCount === 1 ? 'problem' : 'problems'}
              </Badge>
            )}
          </Group>
          <div>
            <Title order={3} fz="sm" mb={6}>
              Columns
            </Title>
            <ColumnMapper
              headers={report.headers}
              mapping={current}
              fields={SURPRISE_FIELDS.map((f) => ({ value: f, label: FIELD_LABELS[f] }))}
              missing={report.missing}
              fieldLabel={(f) => FIELD_LABELS[f as SurpriseField] ?? f}
              onChange={remap}
              size="xs"
            />
          </div>
          {report.errors.length > 0 && (
            <Alert color="orange" variant="light" title="Rows to fix">
              <Stack gap={2}>
                {report.errors.slice(0, 8).map((e) => (
                  <Text fz="sm" key={`${e.row}-${e.column}-${e.reason}`}>
                    Row {e.row}
                    {e.column ? `, ${e.column}` : ''}: {e.reason}
                  </Text>
                ))}
                {report.errors.length > 8 && (
                  <Text fz="sm" c="dimmed">
                    … and {report.errorCount - 8} more.
                  </Text>
                )}
              </Stack>
            </Alert>
          )}
          {report.preview.length > 0 && (
            <div>
              <Title order={3} fz="sm" mb={6}>
                First rows, as they will be stored
              </Title>
              <DataTable
                label="First rows, as they will be stored"
                rows={report.preview}
                rowKey={(p) => String(p.row)}
                columns={previewColumns}
                empty={null}
                minWidth={480}
              />
            </div>
          )}
          {report.errorCount > 0 && (
            <Checkbox
              label="Import the good rows and leave the others out"
              checked={keepGoodRows}
              onChange={(e) => {
                const keep = e.currentTarget.checked
                setKeepGoodRows(keep)
                check(csv, mapping, keep)
              }}
            />
          )}
        </>
      )}
    </FormModal>
  )
}
