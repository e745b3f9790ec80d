import {
  Anchor,
  Button,
  Card,
  Center,
  EmptyState,
  Group,
  Loader,
  NativeSelect,
  Skeleton,
  Table,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import {
  IconAddressBook,
  IconArrowDown,
  IconArrowsSort,
  IconArrowUp,
  IconFileImport,
  IconPlus,
  IconUserSearch,
} from '@tabler/icons-react'
import { type ReactNode, useEffect, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { formatCount, formatDate, formatDateTime, formatMoney } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { ErrorPanel } from '../../app/status-pages.tsx'
import type { CustomerSummary, Tier } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { FilterBar } from '../../ui/filter-bar.tsx'
import { Pager } from '../../ui/pager.tsx'
import { KnownPeek } from '../secrets/known-peek.tsx'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { CustomerFormModal } from './customer-form.tsx'
import { TIER_OPTIONS, TierBadge } from './customer-words.tsx'
import {
  CUSTOMER_SORTS,
  type CustomerFilters,
  type CustomerSort,
  PAGE_SIZE,
  type SortDir,
  useCreateCustomer,
  useCustomerList,
} from './customers-api.ts'

/** Filters, sort and page live in the query string: a list can be bookmarked, shared and gone back to. */
const useFilters = () => {
  const [params, setParams] = useSearchParams()
  const sortParam = params.get('sort')
  const sort: CustomerSort = (CUSTOMER_SORTS as readonly string[]).includes(sortParam ?? '')
    ? (sortParam as CustomerSort)
    : 'lifetime'
  const tierParam = params.get('tier')
  const filters: CustomerFilters = {
    q: params.get('q') ?? '',
    tier: (TIER_OPTIONS as string[]).includes(tierParam ?? '') ? (tierParam as Tier) : null,
    segment: params.get('segment') || null,
    owner: params.get('owner') || null,
    sort,
    dir: params.get('dir') === 'asc' ? 'asc' : params.get('dir') === 'desc' ? 'desc' : defaultDir(sort),
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
  }
  const update = (changes: Partial<Record<keyof CustomerFilters, string | null>>, replace = false) => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '') next.delete(k)
          else next.set(k, v)
        }
        // any change but paging starts again at page 1
        if (!('page' in changes)) next.delete('page')
        return next
      },
      { replace },
    )
  }
  return { filters, update }
}

const defaultDir = (sort: CustomerSort): SortDir => (sort === 'name' ? 'asc' : 'desc')

export function CustomersPage() {
  const { role } = useWorkspace()
  const navigate = useNavigate()
  const { slug } = useWorkspace()
  const { filters, update } = useFilters()
  const list = useCustomerList(filters)
  const create = useCreateCustomer()
  const [adding, setAdding] = useState(false)
  const currency = list.data?.customers[0]?.currency

  const filtered = !!(filters.q || filters.tier || filters.segment || filters.owner)
  const workspaceEmpty = list.data && list.data.total === 0 && !filtered

  return (
    <>
      <PageHeader
        title="Customers"
        icon={<IconAddressBook size={24} stroke={1.6} />}
        description="Every customer’s spend and what they buy, ranked into value tiers. Tier A are the precious few who bring 80 % of revenue: know them by name, spouse and children."
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              create.reset()
              setAdding(true)
            }}
          >
            New customer
          </Button>
        }
      />
      {list.isError && !list.data ? (
        <ErrorPanel error={list.error} onRetry={() => list.refetch()} />
      ) : workspaceEmpty ? (
        <NoCustomersYet admin={role === 'admin'} />
      ) : (
        <CustomerTable filters={filters} update={update} list={list} />
      )}
      <CustomerFormModal
        opened={adding}
        onClose={() => setAdding(false)}
        title="New customer"
        submitLabel="Add customer"
        segments={list.data?.segments ?? []}
        currency={currency}
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) =>
          create.mutate(input, {
            onSuccess: (c) => {
              setAdding(false)
              notifySuccess(`${c.name} is now a customer.`, 'Customer added')
              navigate(`/w/${slug}/customers/${encodeURIComponent(c.id)}`)
            },
          })
        }
      />
    </>
  )
}

function NoCustomersYet({ admin }: { admin: boolean }) {
  const { slug } = useWorkspace()
  return (
    <Card p={{ base: 'lg', sm: 40 }}>
      <EmptyState
        icon={<IconAddressBook size={28} />}
        title="No customers yet"
        description={
          admin
            ? 'Import your customers and their purchases from CSV files: Dazzle then ranks every customer by what they spend and finds the few who bring 80 % of revenue. You can also add a customer by hand.'
            : 'Customers arrive here when an admin imports them, or as your team adds them. Add the first one with “New customer”.'
        }
        variant="light"
        color="violet"
        size="lg"
      >
        {admin && (
          <Button
            component={Link}
            to={`/w/${slug}/settings/import`}
            leftSection={<IconFileImport size={16} />}
            variant="light"
          >
            Import customers and purchases
          </Button>
        )}
      </EmptyState>
    </Card>
  )
}

function CustomerTable({
  filters,
  update,
  list,
}: {
  filters: CustomerFilters
  update: ReturnType<typeof useFilters>['update']
  list: ReturnType<typeof useCustomerList>
}) {
  const members = useMembers()
  const [search, setSearch] = useState(filters.q)
  const [debounced] = useDebouncedValue(search, 250)

  // typing settles for 250 ms, then the URL (and so the query) follows; the history is not flooded
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced text drives this
  useEffect(() => {
    if (debounced.trim() !== filters.q.trim()) update({ q: debounced.trim() || null }, true)
  }, [debounced])
  // back/forward changes the URL: the box follows
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the URL drives this
  useEffect(() => {
    if (filters.q.trim() !== search.trim()) setSearch(filters.q)
  }, [filters.q])

  const data = list.data
  const pages = data ? Math.max(1, Math.ceil(data.total / (data.pageSize || PAGE_SIZE))) : 1
  const segmentOptions = [
    { value: '', label: 'All segments' },
    ...(data?.segments ?? []).map((s) => ({ value: s, label: s })),
  ]
  if (filters.segment && !data?.segments.includes(filters.segment)) {
    segmentOptions.push({ value: filters.segment, label: filters.segment })
  }
  const ownerOptions = [
    { value: '', label: 'Everyone’s' },
    { value: 'none', label: 'No owner' },
    ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name })),
  ]

  const sortBy = (sort: CustomerSort) => {
    const dir: SortDir = filters.sort === sort ? (filters.dir === 'asc' ? 'desc' : 'asc') : defaultDir(sort)
    update({ sort: sort === 'lifetime' ? null : sort, dir: dir === defaultDir(sort) ? null : dir })
  }
  const th = (sort: CustomerSort, label: string, align: 'left' | 'right' = 'left') => (
    <SortHeader sort={sort} label={label} align={align} filters={filters} onSort={sortBy} />
  )

  return (
    <Card p={0}>
      <FilterBar
        search={{
          label: 'Search customers',
          placeholder: 'Name or external id',
          value: search,
          onChange: setSearch,
          busy: list.isFetching && search !== filters.q,
        }}
      >
        <NativeSelect
          label="Tier"
          data={[
            { value: '', label: 'All tiers' },
            ...TIER_OPTIONS.map((t) => ({ value: t, label: `Tier ${t}` })),
          ]}
          value={filters.tier ?? ''}
          onChange={(e) => update({ tier: e.currentTarget.value || null })}
          w={{ base: 'calc(50% - 6px)', xs: 130 }}
        />
        <NativeSelect
          label="Segment"
          data={segmentOptions}
          value={filters.segment ?? ''}
          onChange={(e) => update({ segment: e.currentTarget.value || null })}
          w={{ base: 'calc(50% - 6px)', xs: 180 }}
        />
        <NativeSelect
          label="Owner"
          data={ownerOptions}
          value={filters.owner ?? ''}
          onChange={(e) => update({ owner: e.currentTarget.value || null })}
          w={{ base: '100%', xs: 180 }}
        />
      </FilterBar>
      <Group justify="space-between" px="lg" pb="sm" gap="xs">
        <Text fz="sm" c="dimmed" role="status">
          {data
            ? data.total === 0
              ? 'No customers match'
              : `${formatCount(data.total)} ${data.total === 1 ? 'customer' : 'customers'}${pages > 1 ? `, page ${formatCount(data.page)} of ${formatCount(pages)}` : ''}`
            : 'Loading customers…'}
        </Text>
        {list.isFetching && data && <Loader size="xs" aria-label="Updating" />}
      </Group>
      {data && data.total === 0 ? (
        <Center p="xl">
          <EmptyState
            icon={<IconUserSearch size={26} />}
            title="No customers match"
            description="Try another spelling, or clear a filter."
            variant="light"
          >
            <Button
              variant="default"
              onClick={() => {
                setSearch('')
                update({ q: null, tier: null, segment: null, owner: null })
              }}
            >
              Clear filters
            </Button>
          </EmptyState>
        </Center>
      ) : (
        <Table.ScrollContainer minWidth={360}>
          <Table
            className="dazzle-table"
            verticalSpacing="sm"
            horizontalSpacing="sm"
            highlightOnHover
            style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}
          >
            <Table.Thead>
              <Table.Tr>
                {th('name', 'Name')}
                <Table.Th>Tier</Table.Th>
                <Table.Th visibleFrom="md">Segment</Table.Th>
                <Table.Th visibleFrom="xl">Country</Table.Th>
                <Table.Th visibleFrom="md">Owner</Table.Th>
                {th('lifetime', 'Lifetime revenue', 'right')}
                {th('trailing12m', 'Last 12 months', 'right')}
                {th('orders', 'Orders', 'right')}
                {th('lastPurchase', 'Last purchase', 'right')}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!data
                ? Array.from({ length: 8 }, (_, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: placeholders
                    <Table.Tr key={i}>
                      <Table.Td colSpan={9}>
                        <Skeleton h={26} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                : data.customers.map((c) => <CustomerRow key={c.id} c={c} />)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {data && pages > 1 && (
        <Pager
          total={pages}
          value={data.page}
          onChange={(p) => {
            update({ page: p === 1 ? null : String(p) })
            window.scrollTo({ top: 0 })
          }}
        />
      )}
    </Card>
  )
}

function SortHeader({
  sort,
  label,
  align,
  filters,
  onSort,
}: {
  sort: CustomerSort
  label: string
  align: 'left' | 'right'
  filters: CustomerFilters
  onSort: (s: CustomerSort) => void
}) {
  const active = filters.sort === sort
  const Icon = !active ? IconArrowsSort : filters.dir === 'asc' ? IconArrowUp : IconArrowDown
  const hidden: Partial<Record<CustomerSort, 'sm' | 'md'>> = {
    trailing12m: 'sm',
    orders: 'sm',
    lastPurchase: 'md',
  }
  return (
    <Table.Th
      ta={align}
      visibleFrom={hidden[sort]}
      aria-sort={active ? (filters.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <UnstyledButton
        onClick={() => onSort(sort)}
        fz="sm"
        fw={active ? 700 : 600}
        title={`Sort by ${label.toLowerCase()}`}
      >
        <Group gap={4} wrap="nowrap" justify={align === 'right' ? 'flex-end' : 'flex-start'}>
          <span>{label}</span>
          <Icon size={14} stroke={1.8} style={{ opacity: active ? 1 : 0.45 }} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  )
}

const nowrap = { whiteSpace: 'nowrap' } as const

function CustomerRow({ c }: { c: CustomerSummary }) {
  const { slug } = useWorkspace()
  const navigate = useNavigate()
  const to = `/w/${slug}/customers/${encodeURIComponent(c.id)}`
  const v = c.value
  const cell = (children: ReactNode, props: Record<string, unknown> = {}) => (
    <Table.Td ta="right" style={nowrap} {...props}>
      {children}
    </Table.Td>
  )
  return (
    <Table.Tr
      onClick={(e) => {
        // a click anywhere on the row opens the customer; the name is the real (keyboard) link
        if ((e.target as HTMLElement).closest('a, button, [data-peek]')) return
        navigate(to)
      }}
      style={{ cursor: 'pointer' }}
    >
      <Table.Td miw={160} maw={280}>
        <Group gap={4} wrap="nowrap" align="center">
          <Anchor component={Link} to={to} fw={600} fz="sm" c="var(--mantine-color-text)">
            {c.name}
          </Anchor>
          <KnownPeek customer={c} />
        </Group>
        {c.externalId && (
          <Text fz="xs" c="dimmed" ff="monospace">
            {c.externalId}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <TierBadge tier={v.tier} />
      </Table.Td>
      <Table.Td visibleFrom="md">
        <Text fz="sm">{c.segment ?? '—'}</Text>
        {/* narrower screens: the country under the segment instead of a column of its own */}
        {c.country && (
          <Text fz="xs" c="dimmed" hiddenFrom="xl">
            {c.country}
          </Text>
        )}
      </Table.Td>
      <Table.Td visibleFrom="xl">
        <Text fz="sm">{c.country ?? '—'}</Text>
      </Table.Td>
      <Table.Td visibleFrom="md" style={nowrap}>
        <Text fz="sm" c={c.ownerName ? undefined : 'dimmed'}>
          {c.ownerName ?? 'No owner'}
        </Text>
      </Table.Td>
      {cell(
        <Text fz="sm" fw={600}>
          {formatMoney(v.lifetimeRevenue, c.currency)}
        </Text>,
      )}
      {cell(<Text fz="sm">{formatMoney(v.trailing12mRevenue, c.currency)}</Text>, { visibleFrom: 'sm' })}
      {cell(<Text fz="sm">{formatCount(v.orderCount)}</Text>, { visibleFrom: 'sm' })}
      {cell(
        v.lastPurchaseAt ? (
          <Tooltip label={formatDateTime(v.lastPurchaseAt)}>
            <Text fz="sm" component="span">
              {formatDate(v.lastPurchaseAt)}
            </Text>
          </Tooltip>
        ) : (
          <Text fz="sm" c="dimmed" component="span">
            Never
          </Text>
        ),
        { visibleFrom: 'md' },
      )}
    </Table.Tr>
  )
}
