import { Anchor, Button, Group, Kbd, Loader, Paper, Skeleton, Stack, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react'
import { formatMoney } from '../../app/format.ts'
import type { CustomerSummary } from '../../app/types.ts'
import { TierBadge } from '../customers/customer-words.tsx'
import { useCustomer } from '../customers/customers-api.ts'
import { CapturePanel } from './capture-panel.tsx'
import { useCustomerPicker } from './secrets-api.ts'

/**
 * What the "Record a secret" dialog holds: the customer (chosen here unless the page is theirs),
 * then the capture panel. A chunk of its own, fetched when the dialog first opens, so that the
 * shell every page loads carries neither the panel nor the schemas it checks with.
 */
export function CaptureDialogBody({ initialCustomerId }: { initialCustomerId: string | null }) {
  const [customerId, setCustomerId] = useState<string | null>(initialCustomerId)
  if (!customerId) return <CustomerPicker onPick={setCustomerId} />
  return <ChosenCustomer id={customerId} onChange={() => setCustomerId(null)} />
}

function ChosenCustomer({ id, onChange }: { id: string; onChange: () => void }) {
  const customer = useCustomer(id)
  if (customer.isPending) return <Skeleton h={240} />
  if (customer.isError) {
    return (
      <Stack>
        <Text c="red" fz="sm">
          That customer could not be opened. {customer.error.message}
        </Text>
        <Button variant="default" onClick={onChange}>
          Choose another customer
        </Button>
      </Stack>
    )
  }
  const c = customer.data
  return (
    <Stack gap="md">
      <Paper withBorder p="xs" radius="md">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={600} truncate="end">
              {c.name}
            </Text>
            <TierBadge tier={c.value.tier} />
          </Group>
          <Anchor component="button" type="button" fz="sm" onClick={onChange}>
            Change
          </Anchor>
        </Group>
      </Paper>
      <CapturePanel autoFocus customer={{ id: c.id, name: c.name, kind: c.kind, people: c.people }} />
    </Stack>
  )
}

/** Type a name, arrows to move, Enter to choose. */
function CustomerPicker({ onPick }: { onPick: (id: string) => void }) {
  const [q, setQ] = useState('')
  const [debounced] = useDebouncedValue(q, 200)
  const [active, setActive] = useState(0)
  const list = useCustomerPicker(debounced, true)
  const ids = useId()
  // the dialog's own autofocus has passed by the time this chunk arrives: take the focus here
  const box = useRef<HTMLInputElement>(null)
  useEffect(() => box.current?.focus(), [])
  // the list comes by value; a name typed in full or begun is what the person means, so it leads
  const rows: CustomerSummary[] = useMemo(() => {
    const t = debounced.trim().toLowerCase()
    const rank = (c: CustomerSummary) => {
      const n = c.name.toLowerCase()
      return n === t || c.externalId?.toLowerCase() === t ? 0 : n.startsWith(t) ? 1 : 2
    }
    return [...(list.data ?? [])].sort((a, b) => rank(a) - rank(b))
  }, [list.data, debounced])

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new answer starts at the top
  useEffect(() => setActive(0), [debounced])

  // Enter pressed before the answer for what was typed arrived: choose once it is here, never
  // from the list of an earlier, shorter search
  const stale = q.trim() !== debounced.trim() || list.isPlaceholderData || list.isFetching
  const [pickWhenReady, setPickWhenReady] = useState(false)
  useEffect(() => {
    if (!pickWhenReady || stale) return
    setPickWhenReady(false)
    const row = rows[0]
    if (row) onPick(row.id)
  }, [pickWhenReady, stale, rows, onPick])

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault()
      setActive((i) => Math.min(rows.length - 1, i + 1))
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      setActive((i) => Math.max(0, i - 1))
    } else if (e.key === 'Enter') {
      e.preventDefault()
      if (stale) return setPickWhenReady(true)
      const row = rows[active]
      if (row) onPick(row.id)
    }
  }

  return (
    <Stack gap="sm">
      <TextInput
        ref={box}
        data-autofocus
        label="Customer"
        placeholder="Start typing a name or id"
        leftSection={<IconSearch size={16} />}
        rightSection={list.isFetching ? <Loader size={14} /> : undefined}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value)
          setPickWhenReady(false)
        }}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={rows.length > 0}
        aria-controls={`${ids}-list`}
        aria-activedescendant={rows[active] ? `${ids}-${rows[active].id}` : undefined}
        aria-autocomplete="list"
        autoComplete="off"
      />
      <Stack gap={2} id={`${ids}-list`} role="listbox" aria-label="Customers">
        {rows.map((c, i) => (
          <Paper
            key={c.id}
            id={`${ids}-${c.id}`}
            role="option"
            aria-selected={i === active}
            p="xs"
            radius="md"
            onMouseEnter={() => setActive(i)}
            onClick={() => onPick(c.id)}
            style={{
              cursor: 'pointer',
              background:
                i === active
                  ? 'light-dark(var(--mantine-color-violet-0), rgba(132, 94, 247, 0.12))'
                  : undefined,
            }}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                <Text fz="sm" fw={600} truncate="end">
                  {c.name}
                </Text>
                <TierBadge tier={c.value.tier} />
              </Group>
              <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatMoney(c.value.lifetimeRevenue, c.currency, true)}
              </Text>
            </Group>
          </Paper>
        ))}
        {list.data && rows.length === 0 && (
          <Text fz="sm" c="dimmed" p="xs">
            No customer matches “{debounced}”.
          </Text>
        )}
      </Stack>
      <Text fz="xs" c="dimmed" visibleFrom="sm">
        <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> to move, <Kbd size="xs">Enter</Kbd> to choose,{' '}
        <Kbd size="xs">Esc</Kbd> to close. <Kbd size="xs">R</Kbd> opens this from anywhere.
      </Text>
    </Stack>
  )
}
