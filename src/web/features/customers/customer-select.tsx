import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { type ReactNode, useMemo, useState } from 'react'
import { useCustomerPicker } from '../secrets/secrets-api.ts'

/** Pick a customer by name or external id, searched on the server as you type. */
export function CustomerSelect({
  value,
  onChange,
  error,
}: {
  value: string | null
  onChange: (id: string | null) => void
  error?: ReactNode
}) {
  const [search, setSearch] = useState('')
  const [debounced] = useDebouncedValue(search, 200)
  const list = useCustomerPicker(debounced, true)
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null)
  const data = useMemo(() => {
    const rows = (list.data ?? []).map((c) => ({
      value: c.id,
      label: c.externalId && c.externalId !== c.name ? `${c.name} (${c.externalId})` : c.name,
    }))
    if (chosen && !rows.some((r) => r.value === chosen.value)) rows.unshift(chosen)
    return rows
  }, [list.data, chosen])
  return (
    <Select
      label="Customer"
      placeholder="Type a name"
      searchable
      clearable
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      // the server searched (typos tolerated): show what it found; until it answers, narrow the
      // previous answer here
      filter={list.isPlaceholderData || search !== debounced ? undefined : ({ options }) => options}
      onChange={(v, option) => {
        setChosen(option ?? null)
        onChange(v)
      }}
      nothingFoundMessage={list.isFetching ? 'Searching…' : 'No customer matches'}
      error={error}
      comboboxProps={{ withinPortal: true }}
    />
  )
}
