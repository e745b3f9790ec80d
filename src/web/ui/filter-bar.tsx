import { Group, Loader, NativeSelect, type NativeSelectProps, Text, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import type { ReactNode } from 'react'

/**
 * The row above a list: an optional search box that takes the free space, the filters (selects)
 * beside it, wrapping on a phone, and on the right a short summary ("12 events shown").
 */
export function FilterBar({
  search,
  children,
  summary,
}: {
  search?: {
    label: string
    placeholder?: string
    value: string
    onChange: (value: string) => void
    /** Shows a spinner in the box while the list catches up with what was typed. */
    busy?: boolean
  }
  /** The filters, each a labelled input. */
  children?: ReactNode
  summary?: ReactNode
}) {
  return (
    <Group
      p="lg"
      pb="md"
      gap="sm"
      align="flex-end"
      wrap="wrap"
      justify={summary ? 'space-between' : undefined}
    >
      {search && (
        <TextInput
          label={search.label}
          placeholder={search.placeholder}
          leftSection={<IconSearch size={16} />}
          rightSection={search.busy ? <Loader size={14} /> : undefined}
          value={search.value}
          onChange={(e) => search.onChange(e.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
          type="search"
        />
      )}
      {children}
      {summary && (
        <Text fz="sm" c="dimmed">
          {summary}
        </Text>
      )}
    </Group>
  )
}

/**
 * One filter of the bar: a labelled select whose '' option means "no filter" (All tiers,
 * Everyone), so the value given back is the option chosen or null.
 */
export function FilterSelect({
  label,
  data,
  value,
  onChange,
  w,
}: {
  label: string
  data: { value: string; label: string }[]
  value: string | null
  onChange: (value: string | null) => void
  w?: NativeSelectProps['w']
}) {
  return (
    <NativeSelect
      label={label}
      data={data}
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value || null)}
      w={w}
    />
  )
}
