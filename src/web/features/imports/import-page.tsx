import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import {
  IconAlertTriangle,
  IconCloudUpload,
  IconDownload,
  IconFileImport,
  IconFileTypeCsv,
  IconFlask,
} from '@tabler/icons-react'
import { useState } from 'react'
import { FormError } from '../../app/form-error.tsx'
import { notifyError } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { AdminOnly, ErrorPanel } from '../../app/status-pages.tsx'
import type { ImportPreview, ImportResult } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ColumnMapper } from '../../ui/column-mapper.tsx'
import {
  assignColumn,
  chosenMapping,
  mappingFor,
  missingFields,
  sameMapping,
} from '../../ui/column-mapping.ts'
import { type Column, DataTable } from '../../ui/data-table.tsx'
import { Figure } from '../../ui/figure.tsx'
import { formatCount, formatDateTime, formatNumber, fromNow } from '../../ui/format.ts'
import {
  downloadErrorReport,
  errorReportUrl,
  type FileHead,
  firstRows,
  type ImportKind,
  type Mapping,
  PREVIEW_BYTES,
  type Reading,
  readHead,
  useImports,
  usePreview,
  useUpload,
} from './imports-api.ts'
import { ReadingPanel } from './reading-panel.tsx'

const FIELD_LABELS: Record<string, string> = {
  externalId: 'External id',
  name: 'Name',
  kind: 'Kind',
  segment: 'Segment',
  ownerEmail: 'Owner email',
  notes: 'Notes',
  estimatedCategorySpend: 'Estimated category spend',
  customerKey: 'Customer',
  customer: 'Customer',
  personName: 'Person',
  person: 'Person',
  category: 'Category',
  text: 'What was heard',
  recordedBy: 'Recorded by',
  recordedAt: 'Date',
  layer: 'Layer',
  certainty: 'Certainty',
  caseKey: 'Case key',
  customerName: 'Customer name',
  type: 'Type',
  detail: 'Description: detail (after a dash)',
  narrative: 'Description: narrative (below)',
  letDownAt: 'Let down at',
  reportedAt: 'Reported at',
  severity: 'Severity',
  region: 'Region',
  outcome: 'Outcome',
  disputed: 'Customer disputed?',
  fixedAt: 'Fixed at',
  closedAt: 'Closed at',
  deadlineAt: 'Deadline',
  plan: 'Recovery plan',
  owner: 'Owner',
  customerSaysFixed: 'Customer says fixed',
}
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
/** A field as people read it: the server's words for purchases ("Invoice number"), these for the rest. */
const labelsOf =
  (preview: ImportPreview | null) =>
  (f: string): string => {
    const l = preview?.labels?.[f]
    return l ? capital(l) : (FIELD_LABELS[f] ?? f)
  }
const NO_READING: Reading = { timezone: '', currency: '', delimiter: '', encoding: '', dateOrder: '' }

const KIND_TEXT: Record<ImportKind, string> = {
  purchases:
    'Purchase lines or orders: the customer’s id, the date and a unit price or line total; an invoice number, product and quantity if the file has them. Customers the file names but Dazzle does not know yet are added.',
  customers:
    'One row per customer: external id, name, kind, segment, country, owner’s email, notes and estimated category spend.',
  secrets:
    'One row per secret heard: the customer (external id or name), the person (added if new), category, what was heard, who recorded it (member email) and when.',
  oops: 'One row per past case (a complaints register such as the CFPB’s works as is): case id, customer, what went wrong, when, the outcome. Kept as history: no reminders, no messages.',
}
const KIND_LABEL: Record<ImportKind, string> = {
  purchases: 'Purchases',
  customers: 'Customers',
  secrets: 'Secrets',
  oops: 'Past OOPS! cases',
}

export function ImportPage() {
  const { role } = useWorkspace()
  return (
    <>
      <PageHeader
        title="Import data"
        icon={<IconFileImport size={24} stroke={1.6} />}
        description="Bring customers, their purchases, the secrets your team heard and past OOPS! cases in from CSV files. Check how each column is read, try a dry run, then import: all or nothing, unless you choose to keep the good rows."
      />
      {role === 'admin' ? (
        <Stack gap="xl">
          <ImportWizard />
          <RecentImports />
        </Stack>
      ) : (
        <AdminOnly what="imports" />
      )}
    </>
  )
}

function ImportWizard() {
  const [step, setStep] = useState(0)
  const [kind, setKind] = useState<ImportKind>('purchases')
  const [file, setFile] = useState<File | null>(null)
  const [head, setHead] = useState<FileHead | null>(null)
  const [reading, setReading] = useState<Reading>(NO_READING)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [mapping, setMapping] = useState<Mapping>({})
  const [storedPreview, setStoredPreview] = useState<ImportPreview | null>(null)
  const [keepGoodRows, setKeepGoodRows] = useState(false)
  const [progress, setProgress] = useState(0)
  const [result, setResult] = useState<ImportResult | null>(null)
  const previewCall = usePreview()
  const upload = useUpload(setProgress)
  // on a phone the four steps show as numbers, and the current step's name is said above its content
  const phone = useMediaQuery('(max-width: 36em)') ?? false
  const step$ = (label: string, description: string) =>
    phone ? { 'aria-label': label } : { label, description }

  const reset = () => {
    setStep(0)
    setFile(null)
    setPreview(null)
    setStoredPreview(null)
    setMapping({})
    setReading(NO_READING)
    setResult(null)
    setKeepGoodRows(false)
    previewCall.reset()
    upload.reset()
  }

  // step 1 → 2: the head of the file, read by the server with the detected mapping
  const readFile = async () => {
    if (!file) return
    try {
      const h = await readHead(file)
      setHead(h)
      const first = { ...NO_READING, delimiter: reading.delimiter, encoding: reading.encoding }
      previewCall.mutate(
        { kind, head: h, reading: first },
        {
          onSuccess: (p) => {
            setPreview(p)
            setStoredPreview(p)
            setMapping(mappingFor(p.headers, p.mapping))
            // the workspace's currency and zone, or what this file shape was read with last time
            setReading({
              ...first,
              timezone: p.settings?.timezone ?? '',
              currency: p.settings?.currency ?? '',
            })
            setResult(null)
            upload.reset()
            setStep(1)
          },
        },
      )
    } catch (e) {
      notifyError(e, 'The file could not be read')
    }
  }

  const chosen = (): Mapping => chosenMapping(mapping)

  // a reading changed (currency, zone, delimiter …): the head is read again; a new delimiter means new headers
  const reread = (next: Reading) => {
    if (!head) return
    const newColumns = next.delimiter !== reading.delimiter || next.encoding !== reading.encoding
    setReading(next)
    previewCall.mutate(
      { kind, head, reading: next, ...(newColumns ? {} : { mapping: chosen() }) },
      {
        onSuccess: (p) => {
          setPreview(p)
          setStoredPreview(p)
          setMapping(mappingFor(p.headers, p.mapping))
        },
      },
    )
  }
  const changedMapping = () => !!preview && !sameMapping(mapping, preview.mapping)

  // step 2 → 3: the rows as they will be stored, with the mapping as chosen
  const toPreview = () => {
    if (!changedMapping()) {
      setStep(2)
      return
    }
    if (!head) return
    previewCall.mutate(
      { kind, head, mapping: chosen(), reading },
      {
        onSuccess: (p) => {
          setStoredPreview(p)
          setStep(2)
        },
      },
    )
  }

  const run = (dryRun: boolean) => {
    if (!file) return
    setProgress(0)
    setResult(null)
    upload.mutate(
      { kind, file, mapping: chosen(), dryRun, keepGoodRows, reading },
      { onSuccess: (r) => setResult(r) },
    )
  }

  const missing = preview ? missingFields(mapping, preview.required) : []

  const STEP_NAMES = ['File', 'Columns', 'Preview', 'Run']
  return (
    <Card>
      {phone && (
        <Text fz="sm" fw={600} mb="xs">
          Step {Math.min(step, 3) + 1} of 4: {STEP_NAMES[Math.min(step, 3)]}
        </Text>
      )}
      <Stepper
        active={step}
        onStepClick={(s) => {
          if (s < step && !upload.isPending) setStep(s)
        }}
        allowNextStepsSelect={false}
        size="sm"
        iconSize={32}
      >
        <Stepper.Step {...step$('File', 'Kind and CSV')}>
          <Stack gap="lg" mt="lg">
            <Radio.Group
              label="What the file holds"
              value={kind}
              onChange={(v) => {
                setKind(v as ImportKind)
                setPreview(null)
              }}
            >
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mt="xs" spacing="sm">
                {(['purchases', 'customers', 'secrets', 'oops'] as const).map((k) => (
                  <Radio.Card key={k} value={k} p="md" radius="md" aria-label={KIND_LABEL[k]}>
                    <Group wrap="nowrap" align="flex-start" gap="sm">
                      <Radio.Indicator />
                      <div>
                        <Text fw={600}>{KIND_LABEL[k]}</Text>
                        <Text fz="sm" c="dimmed">
                          {KIND_TEXT[k]}
                        </Text>
                      </div>
                    </Group>
                  </Radio.Card>
                ))}
              </SimpleGrid>
            </Radio.Group>
            <FileInput
              label="CSV file"
              description="CSV, TSV or text with a header row: commas, semicolons, tabs, pipes or spaces between columns, in UTF-8, UTF-16 or Windows-1252. Any size: it is sent in one go, with a progress bar."
              placeholder="Choose a .csv, .tsv or .txt file"
              accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
              leftSection={<IconFileTypeCsv size={18} />}
              value={file}
              onChange={(f) => {
                setFile(f)
                setPreview(null)
                setResult(null)
              }}
              clearable
              w={{ base: '100%', sm: 520 }}
            />
            {file && (
              <Text fz="sm" c="dimmed">
                {file.name}: {formatBytes(file.size)}
                {file.size > PREVIEW_BYTES
                  ? `; the preview reads its first ${formatBytes(PREVIEW_BYTES)}`
                  : ''}
              </Text>
            )}
            <FormError error={previewCall.error} title="The file could not be previewed" />
            <Group>
              <Button onClick={readFile} disabled={!file} loading={previewCall.isPending}>
                Next
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>

        <Stepper.Step {...step$('Columns', 'Where each goes')}>
          {preview && (
            <MappingStep
              preview={preview}
              head={head?.text ?? ''}
              reading={kind === 'purchases' ? reading : null}
              onReading={reread}
              mapping={mapping}
              setMapping={setMapping}
              missing={missing}
              error={previewCall.error}
              pending={previewCall.isPending}
              onBack={() => setStep(0)}
              onNext={toPreview}
            />
          )}
        </Stepper.Step>

        <Stepper.Step {...step$('Preview', 'Rows as stored')}>
          {storedPreview && (
            <Stack gap="md" mt="lg">
              <Text fz="sm" c="dimmed">
                The first rows of {file?.name}, exactly as Dazzle will store them
                {kind === 'purchases' && reading.currency
                  ? `: amounts in ${reading.currency} to the cent, dates and times as ${reading.timezone} reads them`
                  : ''}
                . A row with a problem shows why.
              </Text>
              {changedMapping() && storedPreview === preview && (
                <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
                  These rows were read with the detected columns, before your changes.
                </Alert>
              )}
              <StoredRows preview={storedPreview} />
              <Group justify="space-between">
                <Button variant="default" onClick={() => setStep(1)}>
                  Back
                </Button>
                <Button onClick={() => setStep(3)}>Next</Button>
              </Group>
            </Stack>
          )}
        </Stepper.Step>

        <Stepper.Step {...step$('Run', 'Try it, then store it')}>
          <Stack gap="lg" mt="lg">
            <Paper withBorder p="md">
              <Stack gap="xs">
                <Text fz="sm">
                  <b>{file?.name}</b> as <b>{KIND_LABEL[kind]}</b>, {formatBytes(file?.size ?? 0)}. A dry run
                  reads and checks every row without storing anything.
                </Text>
                <Checkbox
                  label="Import the good rows and report the rest"
                  description="Off: all or nothing. One bad row rejects the whole file, and nothing is stored."
                  checked={keepGoodRows}
                  onChange={(e) => setKeepGoodRows(e.currentTarget.checked)}
                  disabled={upload.isPending}
                />
              </Stack>
            </Paper>
            <Group gap="sm">
              <Button variant="default" onClick={() => setStep(2)} disabled={upload.isPending}>
                Back
              </Button>
              <Button
                variant="light"
                leftSection={<IconFlask size={16} />}
                onClick={() => run(true)}
                loading={upload.isPending && upload.variables?.dryRun}
                disabled={upload.isPending}
              >
                Dry run
              </Button>
              <Button
                leftSection={<IconCloudUpload size={16} />}
                onClick={() => run(false)}
                loading={upload.isPending && !upload.variables?.dryRun}
                disabled={upload.isPending}
              >
                Import
              </Button>
            </Group>
            {(upload.isPending || result) && <UploadProgress progress={progress} done={!upload.isPending} />}
            <FormError error={upload.error} title="The import did not run" />
            {result && <ImportResultView result={result} />}
            {result && result.status !== 'dry_run' && (
              <Group>
                <Button variant="subtle" onClick={reset}>
                  Start over with another file
                </Button>
              </Group>
            )}
          </Stack>
        </Stepper.Step>
      </Stepper>
    </Card>
  )
}

function MappingStep({
  preview,
  head,
  reading,
  onReading,
  mapping,
  setMapping,
  missing,
  error,
  pending,
  onBack,
  onNext,
}: {
  preview: ImportPreview
  head: string
  reading: Reading | null
  onReading: (next: Reading) => void
  mapping: Mapping
  setMapping: (m: Mapping) => void
  missing: string[]
  error: unknown
  pending: boolean
  onBack: () => void
  onNext: () => void
}) {
  const [, sample = []] = preview.samples ? [[], ...preview.samples] : firstRows(head.replace(/^\uFEFF/, ''))
  const fieldLabel = labelsOf(preview)
  const fields = preview.fields.map((f) => ({
    value: f,
    label: `${fieldLabel(f)}${preview.required.includes(f) ? ' (required)' : ''}`,
  }))
  return (
    <Stack gap="md" mt="lg">
      <Text fz="sm" c="dimmed">
        Dazzle guessed which field each column of the file fills. Check each one; columns set to “ignore” are
        not stored.
      </Text>
      {reading && (
        <ReadingPanel preview={preview} reading={reading} onChange={onReading} disabled={pending} />
      )}
      <ColumnMapper
        headers={preview.headers}
        sample={sample}
        mapping={mapping}
        fields={fields}
        missing={missing}
        fieldLabel={fieldLabel}
        onChange={(h, f) => setMapping(assignColumn(mapping, h, f))}
      />
      <FormError error={error} />
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          Back
        </Button>
        <Button onClick={onNext} loading={pending}>
          Next
        </Button>
      </Group>
    </Stack>
  )
}

const show = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—'
  if (typeof v === 'number') return formatNumber(v)
  if (typeof v === 'boolean') return v ? 'yes' : 'no'
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}

type PreviewRow = ImportPreview['rows'][number]

function StoredRows({ preview }: { preview: ImportPreview }) {
  const fieldLabel = labelsOf(preview)
  const fields = [...new Set(preview.rows.flatMap((r) => Object.keys(r.stored ?? {})))]
  const columns: Column<PreviewRow>[] = [
    {
      key: 'row',
      header: 'Row',
      align: 'right',
      cell: (r) => (
        <Text fz="sm" c="dimmed">
          {r.row}
        </Text>
      ),
    },
    ...fields.map(
      (f): Column<PreviewRow> => ({
        key: f,
        header: fieldLabel(f),
        nowrap: true,
        // long values (what was heard) are cut to keep the table readable; the whole value is in the tooltip
        cell: (r) => (
          <Text fz="sm" maw={360} truncate="end" title={show(r.stored?.[f])}>
            {show(r.stored?.[f])}
          </Text>
        ),
      }),
    ),
  ]
  return (
    <DataTable
      label="Rows as they will be stored"
      rows={preview.rows}
      rowKey={(r) => String(r.row)}
      columns={columns}
      empty="The file has a header but no rows."
      minWidth={Math.max(480, fields.length * 130)}
      dense
      spanRow={(r) =>
        r.stored ? null : (
          <Group gap={6} wrap="nowrap">
            <Badge color="red" variant="light" size="sm">
              Error
            </Badge>
            {/* wrapped within what the screen shows of a wide table, not at its far edge */}
            <Text fz="sm" c="red" maw="min(760px, calc(100vw - 200px))">
              {r.error ?? 'This row cannot be stored.'}
            </Text>
          </Group>
        )
      }
    />
  )
}

function UploadProgress({ progress, done }: { progress: number; done: boolean }) {
  const sending = progress < 1
  const label = done
    ? 'Uploaded and processed'
    : sending
      ? `Uploading… ${Math.round(progress * 100)} %`
      : 'Uploaded; Dazzle is checking and storing the rows…'
  return (
    <Stack gap={6}>
      <Text fz="sm" fw={500} aria-live="polite">
        {label}
      </Text>
      <Progress
        value={done ? 100 : Math.round(progress * 100)}
        size="lg"
        striped={!done}
        animated={!done && !sending}
        color={done ? 'teal' : 'violet'}
        aria-label="Upload progress"
        transitionDuration={150}
      />
    </Stack>
  )
}

export const STATUS_LOOK: Record<ImportResult['status'], { label: string; color: string }> = {
  imported: { label: 'Imported', color: 'teal' },
  partial: { label: 'Partly imported', color: 'yellow' },
  dry_run: { label: 'Dry run', color: 'blue' },
  rejected: { label: 'Rejected', color: 'red' },
}

const STATUS_TEXT: Record<ImportResult['status'], string> = {
  imported: 'Every row is stored.',
  partial: 'The good rows are stored; the rows below were left out.',
  dry_run: 'Nothing was stored. This is what an import would do.',
  rejected: 'Nothing was stored: fix the rows below and try again, or import the good rows only.',
}

function ImportResultView({ result }: { result: ImportResult }) {
  const look = STATUS_LOOK[result.status]
  const figures: [string, string][] = [
    ['Rows', formatCount(result.rows)],
    ['Added', formatCount(result.added)],
    ['Already present', formatCount(result.alreadyPresent)],
    ...(result.kind === 'purchases'
      ? ([['Rows without a customer', formatCount(result.rowsWithoutCustomer)]] as [string, string][])
      : []),
    result.kind === 'secrets'
      ? ['People added', formatCount(result.peopleAdded ?? 0)]
      : ['Customers added', formatCount(result.customersAdded)],
    ['Rows per second', formatCount(result.rowsPerSecond)],
  ]
  return (
    <Paper withBorder p="lg" role="status" aria-label="Import result">
      <Stack gap="md">
        <Group gap="sm" wrap="wrap">
          <Badge color={look.color} variant="filled" size="lg">
            {look.label}
          </Badge>
          <Text fz="sm">{STATUS_TEXT[result.status]}</Text>
        </Group>
        <SimpleGrid cols={{ base: 2, xs: 3, md: 6 }} spacing="sm">
          {figures.map(([label, value]) => (
            <Figure key={label} label={label} value={value} size="md" boxed={false} />
          ))}
        </SimpleGrid>
        <Text fz="xs" c="dimmed">
          {formatNumber(result.seconds)} seconds.
        </Text>
        {!!result.notes?.length && (
          <Stack gap={2} aria-label="How the file was read">
            {result.notes.map((n) => (
              <Text key={n} fz="sm" c="dimmed">
                {n}
              </Text>
            ))}
          </Stack>
        )}
        {result.errorCount > 0 && <ImportErrors result={result} />}
      </Stack>
    </Paper>
  )
}

function ErrorReportLink({ result, short = false }: { result: ImportResult; short?: boolean }) {
  const { slug } = useWorkspace()
  if (!result.id) return null
  const id = result.id
  return (
    <Anchor
      href={errorReportUrl(id)}
      download
      fz="sm"
      fw={600}
      aria-label={short ? `Error report of ${result.fileName ?? 'this import'}` : undefined}
      onClick={(e) => {
        e.preventDefault()
        const base = (result.fileName ?? 'import').replace(/\.csv$/i, '')
        downloadErrorReport(slug, id, `${base}-errors.csv`).catch((err) =>
          notifyError(err, 'The error report did not download'),
        )
      }}
    >
      <Group gap={4} component="span">
        <IconDownload size={14} aria-hidden />
        {short ? 'Error report' : 'Download error report'}
      </Group>
    </Anchor>
  )
}

type RowError = ImportResult['errors'][number] & { i: number }
const ERROR_COLUMNS: Column<RowError>[] = [
  { key: 'row', header: 'Row', align: 'right', nowrap: true, cell: (e) => <Text fz="sm">{e.row}</Text> },
  {
    key: 'column',
    header: 'Column',
    cell: (e) => (
      <Text fz="sm" ff="monospace">
        {e.column ?? '—'}
      </Text>
    ),
  },
  { key: 'reason', header: 'Reason', phone: 'title', cell: (e) => <Text fz="sm">{e.reason}</Text> },
]

function ImportErrors({ result }: { result: ImportResult }) {
  return (
    <Stack gap="xs">
      <Group justify="space-between" wrap="wrap">
        <Title order={3} fz="md">
          {formatCount(result.errorCount)} {result.errorCount === 1 ? 'row has' : 'rows have'} a problem
          {result.errors.length < result.errorCount ? ` (the first ${result.errors.length} are shown)` : ''}
        </Title>
        <ErrorReportLink result={result} />
      </Group>
      <DataTable
        label="Rows with a problem"
        rows={result.errors.map((e, i) => ({ ...e, i }))}
        rowKey={(e) => String(e.i)}
        columns={ERROR_COLUMNS}
        empty={null}
        dense
        pageSize={10}
        minWidth={420}
      />
    </Stack>
  )
}

function RecentImports() {
  const imports = useImports()
  const columns: Column<ImportResult>[] = [
    {
      key: 'when',
      header: 'When',
      nowrap: true,
      cell: (r) => (
        <Tooltip label={formatDateTime(r.createdAt)}>
          <Text fz="sm" component="span">
            {fromNow(r.createdAt)}
          </Text>
        </Tooltip>
      ),
    },
    {
      key: 'file',
      header: 'File',
      phone: 'title',
      cell: (r) => (
        <>
          <Text fz="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {r.fileName ?? 'Untitled'}
          </Text>
          <Text fz="xs" c="dimmed">
            {KIND_LABEL[r.kind]}
          </Text>
        </>
      ),
    },
    {
      key: 'status',
      header: 'Status',
      cell: (r) => (
        <Badge color={STATUS_LOOK[r.status].color} variant="light">
          {STATUS_LOOK[r.status].label}
        </Badge>
      ),
    },
    { key: 'rows', header: 'Rows', align: 'right', cell: (r) => <Text fz="sm">{formatCount(r.rows)}</Text> },
    {
      key: 'added',
      header: 'Added',
      align: 'right',
      cell: (r) => <Text fz="sm">{formatCount(r.added)}</Text>,
    },
    {
      key: 'errors',
      header: 'Errors',
      align: 'right',
      cell: (r) =>
        r.errorCount > 0 ? (
          <Stack gap={0} align="flex-end">
            <Text fz="sm" c="red">
              {formatCount(r.errorCount)}
            </Text>
            <ErrorReportLink result={r} short />
          </Stack>
        ) : (
          <Text fz="sm" c="dimmed">
            0
          </Text>
        ),
    },
  ]
  return (
    <Card p={0}>
      <Group justify="space-between" p="lg" pb="sm">
        <Title order={2} fz="lg">
          Recent imports
        </Title>
      </Group>
      {imports.isError ? (
        <ErrorPanel error={imports.error} onRetry={() => imports.refetch()} />
      ) : (
        <DataTable
          label="Recent imports"
          rows={imports.data}
          rowKey={(r) => r.id ?? `dry-${r.createdAt}-${r.fileName}`}
          columns={columns}
          loading={imports.isPending}
          empty="No imports yet. Your first one will be listed here, with its error report if rows were left out."
          pageSize={20}
        />
      )}
    </Card>
  )
}

const formatBytes = (n: number): string => {
  if (n < 1024) return `${n} bytes`
  if (n < 1024 * 1024) return `${formatNumber(n / 1024)} KB`
  return `${formatNumber(n / 1024 / 1024)} MB`
}
