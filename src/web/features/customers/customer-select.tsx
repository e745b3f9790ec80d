import { Select } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { type ReactNode, useMemo, useState } from 'react'
import type { Tier } from '../../app/types.ts'
import { FilterSelect } from '../../ui/filter-bar.tsx'
import { useCustomerPicker } from '../secrets/secrets-api.ts'
import { TIER_FILTER_OPTIONS } from './customer-words.tsx'

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

/** The tier filter of a list (customers, the live feed): every tier, or one; half a phone's row. */
export function TierFilter({
  value,
  onChange,
}: {
  value: Tier | null
  onChange: (tier: Tier | null) => void
}) {
  return (
    <FilterSelect
      label="Tier"
      data={TIER_FILTER_OPTIONS}
      value={value}
      onChange={(t) => onChange(t as Tier | null)}
      w={{ base: 'calc(50% - 6px)', xs: 130 }}
    />
  )
}
