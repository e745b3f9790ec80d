import { Alert, List, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import type { ImportPreview } from '../../app/types.ts'
import type { Reading } from './imports-api.ts'

const DELIMITERS = [
  { value: '', label: 'Detect from the file' },
  { value: ',', label: 'Commas' },
  { value: ';', label: 'Semicolons' },
  { value: '\t', label: 'Tabs' },
  { value: '|', label: 'Pipes (|)' },
  { value: 'spaces', label: 'Runs of spaces' },
]
const ENCODINGS = [
  { value: '', label: 'Detect from the file' },
  { value: 'utf-8', label: 'UTF-8' },
  { value: 'utf-16le', label: 'UTF-16 (little-endian)' },
  { value: 'utf-16be', label: 'UTF-16 (big-endian)' },
  { value: 'windows-1252', label: 'Windows-1252 (Latin-1)' },
]
const DATE_ORDERS = [
  { value: '', label: 'Detect from the dates' },
  { value: 'dmy', label: 'Day first (31/12/2025)' },
  { value: 'mdy', label: 'Month first (12/31/2025)' },
]
const CURRENCIES = [
  'GBP',
  'EUR',
  'USD',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'CZK',
  'HUF',
  'CAD',
  'AUD',
  'NZD',
  'JPY',
  'CNY',
  'HKD',
  'SGD',
  'INR',
  'ZAR',
  'BRL',
  'MXN',
]

const timeZones = (): string[] => {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (k: string) => string[] }
  return intl.supportedValuesOf?.('timeZone') ?? ['Europe/London', 'Europe/Paris', 'America/New_York', 'UTC']
}

/**
 * How a purchases file is read: the currency of its amounts and the zone of its times (the
 * workspace's defaults, or what this file shape was read with last time), and — when the file
 * does not say them clearly — its delimiter, encoding and date order. What was read is said below.
 */
export function ReadingPanel({
  preview,
  reading,
  onChange,
  disabled,
}: {
  preview: ImportPreview
  reading: Reading
  onChange: (next: Reading) => void
  disabled: boolean
}) {
  const set = (k: keyof Reading) => (v: string | null) => onChange({ ...reading, [k]: v ?? '' })
  const zones = timeZones()
  const currencies = CURRENCIES.includes(reading.currency) ? CURRENCIES : [reading.currency, ...CURRENCIES]
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <div>
          <Text fw={600} fz="sm">
            How the file is read
          </Text>
          <Text fz="sm" c="dimmed">
            Amounts without a currency of their own are in this currency; dates without an offset are in this
            time zone. The rest is read from the file unless you choose.
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 5 }} spacing="sm">
          <Select
            label="Currency"
            data={currencies.filter(Boolean)}
            value={reading.currency}
            onChange={set('currency')}
            searchable
            allowDeselect={false}
            disabled={disabled}
          />
          <Select
            label="Time zone"
            data={zones.includes(reading.timezone) ? zones : [reading.timezone, ...zones].filter(Boolean)}
            value={reading.timezone}
            onChange={set('timezone')}
            searchable
            allowDeselect={false}
            limit={200}
            disabled={disabled}
          />
          <Select
            label="Columns separated by"
            data={DELIMITERS}
            value={reading.delimiter}
            onChange={set('delimiter')}
            allowDeselect={false}
            disabled={disabled}
          />
          <Select
            label="Encoding"
            data={ENCODINGS}
            value={reading.encoding}
            onChange={set('encoding')}
            allowDeselect={false}
            disabled={disabled}
          />
          <Select
            label="Date order"
            data={DATE_ORDERS}
            value={reading.dateOrder}
            onChange={set('dateOrder')}
            allowDeselect={false}
            disabled={disabled}
          />
        </SimpleGrid>
        {!!preview.notes?.length && (
          <Alert
            variant="light"
            color="blue"
            icon={<IconInfoCircle size={18} />}
            aria-label="How Dazzle read the file"
          >
            <List size="sm" spacing={2}>
              {preview.notes.map((n) => (
                <List.Item key={n}>{n}</List.Item>
              ))}
            </List>
            {preview.settings?.remembered && (
              <Text fz="sm" mt={4}>
                A file with these columns was imported before: its columns, currency and time zone are used
                again.
              </Text>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  )
}
