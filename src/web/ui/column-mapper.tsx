import { Alert, NativeSelect, Stack, Table, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { type ColumnMapping, fieldsFilledTwice, IGNORE } from './column-mapping.ts'

/**
 * The CSV column mapper: each column of the file, its first value, and the field it is stored as
 * (or ignored), with what is still wrong said above: required fields no column fills, fields filled
 * by more than one. Rules in `column-mapping.ts`.
 */
export function ColumnMapper({
  headers,
  sample,
  mapping,
  fields,
  missing,
  fieldLabel,
  onChange,
  size = 'sm',
}: {
  headers: readonly string[]
  /** The first row's values, by column; shown beside each header when given. */
  sample?: readonly string[]
  mapping: ColumnMapping
  /** The fields a column may fill, with the words shown for each. */
  fields: readonly { value: string; label: string }[]
  /** Required fields that no column fills (checked here, or as the server reported them). */
  missing: readonly string[]
  fieldLabel: (field: string) => string
  onChange: (header: string, field: string) => void
  size?: 'xs' | 'sm'
}) {
  const options = [{ value: IGNORE, label: '— ignore —' }, ...fields]
  const twice = fieldsFilledTwice(mapping)
  return (
    <Stack gap="sm">
      {missing.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle size={18} />}
          title="Required fields without a column"
          role="alert"
        >
          No column fills {missing.map(fieldLabel).join(', ')}. Choose the column for{' '}
          {missing.length === 1 ? 'it' : 'each'}, or the import will reject every row.
        </Alert>
      )}
      {twice.length > 0 && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />}>
          More than one column fills {twice.map(fieldLabel).join(', ')}.
        </Alert>
      )}
      <Table.ScrollContainer minWidth={300}>
        <Table className="dazzle-table" verticalSpacing="xs" aria-label="Columns of the file">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Column in the file</Table.Th>
              {sample && <Table.Th visibleFrom="sm">First value</Table.Th>}
              <Table.Th>Stored as</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {headers.map((h, i) => (
              <Table.Tr key={h}>
                <Table.Td>
                  <Text fz="sm" fw={600} ff="monospace" style={{ wordBreak: 'break-word' }}>
                    {h}
                  </Text>
                </Table.Td>
                {sample && (
                  <Table.Td visibleFrom="sm" maw={240}>
                    <Text fz="sm" c="dimmed" truncate="end">
                      {sample[i] || '—'}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <NativeSelect
                    aria-label={`Field for column ${h}`}
                    data={options}
                    value={mapping[h] ?? IGNORE}
                    onChange={(e) => onChange(h, e.currentTarget.value)}
                    size={size}
                    w={{ base: 150, sm: 260 }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  )
}
