import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core'
import {
  IconAlertTriangle,
  IconDownload,
  IconFileImport,
  IconFileTypeCsv,
  IconGift,
  IconPencil,
  IconPlus,
  IconSearch,
} from '@tabler/icons-react'
import { type FormEvent, useMemo, useState } from 'react'
import { RECOVERY_KINDS, type RecoveryKind } from '../../../domain/recovery/oops.ts'
import { SURPRISE_FIELDS, type SurpriseField } from '../../../domain/recovery/surprise-catalogue.ts'
import { FormError } from '../../app/form-error.tsx'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { ErrorPanel } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ColumnMapper } from '../../ui/column-mapper.tsx'
import { assignColumn, chosenMapping, mappingFor } from '../../ui/column-mapping.ts'
import { formatCount } from '../../ui/format.ts'
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

const KIND_LABELS: Record<RecoveryKind, string> = {
  gift: 'Gift',
  experience: 'Experience',
  upgrade: 'Upgrade',
  discount: 'Discount',
  service: 'Service',
  donation: 'Donation',
  other: 'Other',
}
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

/**
 * The surprise catalogue (issue #5, part 6): what the organisation can offer when it puts a mistake
 * right. Every OOPS! gets suggestions from it, ranked by what we know of the customer; leaders and
 * admins keep it, by hand or from a CSV file.
 */
export function SurprisesPage() {
  const { role } = useWorkspace()
  const canManage = role === 'admin' || role === 'leader'
  const items = useSurprises()
  const [editing, setEditing] = useState<SurpriseItem | 'new' | null>(null)
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

  return (
    <>
      <PageHeader
        title="Surprise catalogue"
        icon={<IconGift size={24} stroke={1.6} />}
        description="What we can offer when we put a mistake right. Every OOPS! is offered the items that fit this customer’s secrets, the plan’s cap and the time left — so tag each with the interests it suits."
        actions={
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconDownload size={16} />}
              onClick={() =>
                downloadCatalogue(slug).catch((e) => notifyError(e, 'The catalogue did not download'))
              }
            >
              Export CSV
            </Button>
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
        <Group justify="space-between" p="lg" pb="sm" gap="sm" wrap="wrap">
          <Group gap="sm" wrap="wrap">
            <TextInput
              aria-label="Search the catalogue"
              placeholder="Search titles and interests"
              leftSection={<IconSearch size={16} />}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              w={{ base: '100%', xs: 260 }}
            />
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
          </Group>
          {items.data && (
            <Text fz="sm" c="dimmed">
              {formatCount(activeCount)} in use · {formatCount(items.data.length - activeCount)} taken out
            </Text>
          )}
        </Group>
        {items.isError ? (
          <ErrorPanel error={items.error} onRetry={() => items.refetch()} />
        ) : items.data && items.data.length === 0 ? (
          <Stack gap="xs" px="lg" pb="lg">
            <Text fw={600}>The catalogue is empty.</Text>
            <Text c="dimmed" fz="sm">
              {canManage
                ? 'Add the surprises you can offer — a bottle of their favourite wine, tickets to their team’s next game, a donation to their cause — or import them from a CSV file.'
                : 'Ask a leader to add the surprises your team can offer.'}
            </Text>
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={320}>
            <Table className="dazzle-table" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Surprise</Table.Th>
                  <Table.Th visibleFrom="sm">Kind</Table.Th>
                  <Table.Th ta="right">Cost</Table.Th>
                  <Table.Th ta="right" visibleFrom="sm">
                    Lead time
                  </Table.Th>
                  {canManage && (
                    <Table.Th>
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.isPending
                  ? [0, 1, 2].map((i) => (
                      <Table.Tr key={i}>
                        <Table.Td colSpan={5}>
                          <Skeleton h={36} />
                        </Table.Td>
                      </Table.Tr>
                    ))
                  : visible.map((i) => (
                      <Table.Tr key={i.id} opacity={i.active ? 1 : 0.6} data-testid="surprise-row">
                        <Table.Td>
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
                          <Text hiddenFrom="sm" fz="xs" c="dimmed">
                            {KIND_LABELS[i.kind]} · {leadTime(i.leadTimeHours)}
                          </Text>
                          {i.tags.length > 0 && (
                            <Group gap={4} mt={4}>
                              {i.tags.map((t) => (
                                <Badge key={t} size="xs" variant="light" color="gray" tt="none">
                                  {t}
                                </Badge>
                              ))}
                            </Group>
                          )}
                        </Table.Td>
                        <Table.Td visibleFrom="sm">
                          <Badge color={KIND_COLORS[i.kind]} variant="light">
                            {KIND_LABELS[i.kind]}
                          </Badge>
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                          <Text fz="sm">{amount.format(i.cost)}</Text>
                        </Table.Td>
                        <Table.Td ta="right" visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                          <Text fz="sm">{leadTime(i.leadTimeHours)}</Text>
                        </Table.Td>
                        {canManage && (
                          <Table.Td ta="right">
                            <Button
                              variant="subtle"
                              size="xs"
                              leftSection={<IconPencil size={14} />}
                              onClick={() => setEditing(i)}
                              aria-label={`Edit ${i.title}`}
                            >
                              Edit
                            </Button>
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                {items.data && items.data.length > 0 && visible.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed" fz="sm">
                        Nothing here matches.
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <ItemModal item={editing} onClose={() => setEditing(null)} />
      <ImportModal opened={importing} onClose={() => setImporting(false)} />
    </>
  )
}

const emptyInput: SurpriseInput = {
  title: '',
  description: null,
  cost: 0,
  leadTimeHours: 4,
  kind: 'gift',
  tags: [],
  active: true,
}

function ItemModal({ item, onClose }: { item: SurpriseItem | 'new' | null; onClose: () => void }) {
  return (
    <Modal
      opened={item !== null}
      onClose={onClose}
      title={<Text fw={700}>{item === 'new' ? 'Add a surprise' : 'Change this surprise'}</Text>}
      size="lg"
    >
      {item !== null && <ItemForm key={item === 'new' ? 'new' : item.id} item={item} onDone={onClose} />}
    </Modal>
  )
}

function ItemForm({ item, onDone }: { item: SurpriseItem | 'new'; onDone: () => void }) {
  const add = useAddSurprise()
  const change = useChangeSurprise()
  const remove = useRemoveSurprise()
  const [v, setV] = useState<SurpriseInput>(item === 'new' ? emptyInput : { ...item })
  const set = <K extends keyof SurpriseInput>(k: K, value: SurpriseInput[K]) =>
    setV((x) => ({ ...x, [k]: value }))
  const pending = add.isPending || change.isPending

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const body = { ...v, title: v.title.trim(), description: v.description?.trim() || null }
    if (item === 'new') {
      add.mutate(body, {
        onSuccess: (r) => {
          notifySuccess(`“${r.title}” is in the catalogue.`, 'Surprise added')
          onDone()
        },
      })
    } else {
      change.mutate(
        { id: item.id, patch: body },
        {
          onSuccess: (r) => {
            notifySuccess(`“${r.title}” is saved.`, 'Surprise changed')
            onDone()
          },
        },
      )
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormError error={add.error ?? change.error ?? remove.error} />
        <TextInput
          label="Title"
          placeholder="Two tickets to the next home hockey game"
          required
          value={v.title}
          onChange={(e) => set('title', e.currentTarget.value)}
        />
        <Textarea
          label="Description"
          description="Optional: what it is and how it reaches the customer."
          autosize
          minRows={2}
          value={v.description ?? ''}
          onChange={(e) => set('description', e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
          <NumberInput
            label="Cost"
            description="Against the plan’s cap."
            min={0}
            max={1_000_000}
            decimalScale={2}
            allowNegative={false}
            value={v.cost}
            onChange={(n) => set('cost', typeof n === 'number' ? n : 0)}
          />
          <NumberInput
            label="Lead time (h)"
            description="Until it reaches them."
            min={0}
            max={8760}
            decimalScale={1}
            allowNegative={false}
            value={v.leadTimeHours}
            onChange={(n) => set('leadTimeHours', typeof n === 'number' ? n : 0)}
          />
          <NativeSelect
            label="Kind"
            description="Plans allow some kinds."
            data={RECOVERY_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
            value={v.kind}
            onChange={(e) => set('kind', e.currentTarget.value as RecoveryKind)}
          />
        </SimpleGrid>
        <TagsInput
          label="Interests it suits"
          description="The words people use about them: wine, pinot noir, hockey, coffee… Press Enter after each."
          value={v.tags}
          onChange={(tags) => set('tags', tags)}
          maxTags={20}
          clearable
        />
        <Switch
          label="In the catalogue (suggested for new recoveries)"
          checked={v.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
        />
        <Group justify="space-between" mt="sm">
          {item !== 'new' ? (
            <Button
              variant="subtle"
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(item.id, {
                  onSuccess: (r) => {
                    notifySuccess(
                      r.outcome === 'deleted'
                        ? `“${item.title}” is deleted.`
                        : `A customer already received “${item.title}”, so it is kept out of the catalogue rather than deleted: it will never be offered to them again.`,
                      r.outcome === 'deleted' ? 'Surprise deleted' : 'Surprise taken out',
                    )
                    onDone()
                  },
                })
              }
            >
              Delete
            </Button>
          ) : (
            <span />
          )}
          <Group gap="sm">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={v.title.trim().length < 2}>
              {item === 'new' ? 'Add to the catalogue' : 'Save'}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  )
}

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
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={700}>Import the catalogue from CSV</Text>}
      size="xl"
    >
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          One row per surprise. Columns are recognised by their names — Title, Description, Cost, Lead time
          (hours, or “2 days”), Kind ({RECOVERY_KINDS.join(', ')}), Interests (separated by ; or |), Active,
          and an optional Key. Rows are matched by Key (else by title), so importing the same file twice
          changes nothing. Nothing is written until you press Import, and a file with a bad row is refused
          whole.
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
                <Table.ScrollContainer minWidth={480}>
                  <Table withTableBorder verticalSpacing={4} fz="sm">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Row</Table.Th>
                        <Table.Th>Title</Table.Th>
                        <Table.Th>Kind</Table.Th>
                        <Table.Th ta="right">Cost</Table.Th>
                        <Table.Th ta="right">Lead time</Table.Th>
                        <Table.Th>Will be</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {report.preview.map((p) => (
                        <Table.Tr key={p.row}>
                          <Table.Td>{p.row}</Table.Td>
                          <Table.Td>
                            {p.item.title}
                            {p.item.tags.length > 0 && (
                              <Text fz="xs" c="dimmed">
                                {p.item.tags.join(', ')}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>{KIND_LABELS[p.item.kind]}</Table.Td>
                          <Table.Td ta="right">{amount.format(p.item.cost)}</Table.Td>
                          <Table.Td ta="right">{leadTime(p.item.leadTimeHours)}</Table.Td>
                          <Table.Td>
                            {p.action === 'add' ? 'added' : p.action === 'update' ? 'updated' : 'unchanged'}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
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
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            leftSection={<IconFileImport size={16} />}
            disabled={!report || !!refused || report.missing.length > 0 || willWrite === 0}
            loading={run.isPending}
            onClick={doImport}
          >
            {!report || refused
              ? 'Import'
              : willWrite === 0
                ? 'Nothing to change'
                : `Import ${willWrite} ${willWrite === 1 ? 'item' : 'items'}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}
