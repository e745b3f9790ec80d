import { Anchor, Box, Button, Card, Center, EmptyState, Group, Loader, Text, Tooltip } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconAddressBook, IconFileImport, IconPlus, IconUserSearch } from '@tabler/icons-react'
import { type ReactNode, useEffect, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { formatCount, formatDate, formatDateTime, formatMoney } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, ErrorPanel } from '../../app/status-pages.tsx'
import type { CustomerSummary, Tier } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { type Column, DataTable } from '../../ui/data-table.tsx'
import { FilterBar, FilterSelect } from '../../ui/filter-bar.tsx'
import { KnownPeek } from '../secrets/known-peek.tsx'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { CustomerFormModal } from './customer-form.tsx'
import { TierFilter } from './customer-select.tsx'
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
    <EmptyCard
      icon={<IconAddressBook size={28} />}
      title="No customers yet"
      description={
        admin
          ? 'Import your customers and their purchases from CSV files: Dazzle then ranks every customer by what they spend and finds the few who bring 80 % of revenue. You can also add a customer by hand.'
          : 'Customers arrive here when an admin imports them, or as your team adds them. Add the first one with “New customer”.'
      }
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
    </EmptyCard>
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
  const { slug } = useWorkspace()
  const navigate = useNavigate()
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
  const columns = customerColumns(slug)
  const customerPath = (c: CustomerSummary) => `/w/${slug}/customers/${encodeURIComponent(c.id)}`

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
        <TierFilter value={filters.tier} onChange={(tier) => update({ tier })} />
        <FilterSelect
          label="Segment"
          data={segmentOptions}
          value={filters.segment}
          onChange={(segment) => update({ segment })}
          w={{ base: 'calc(50% - 6px)', xs: 180 }}
        />
        <FilterSelect
          label="Owner"
          data={ownerOptions}
          value={filters.owner}
          onChange={(owner) => update({ owner })}
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
      <DataTable
        label="Customers"
        rows={data?.customers}
        rowKey={(c) => c.id}
        columns={columns}
        loading={!data}
        loadingRows={8}
        stale={list.isPlaceholderData}
        onRowClick={(c) => navigate(customerPath(c))}
        sort={{ column: filters.sort, direction: filters.dir }}
        onSort={(_, column) => sortBy(column as CustomerSort)}
        pageSize={data?.pageSize || PAGE_SIZE}
        page={data?.page ?? 1}
        total={data?.total ?? 0}
        onPage={(p) => {
          update({ page: p === 1 ? null : String(p) })
          window.scrollTo({ top: 0 })
        }}
        minWidth={360}
        narrow
        empty={
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
        }
      />
    </Card>
  )
}

const right = (children: ReactNode) => <Text fz="sm">{children}</Text>

/** The list's columns; the sortable ones sort on the server, by the key of the same name. */
const customerColumns = (slug: string): Column<CustomerSummary>[] => [
  {
    key: 'name',
    header: 'Name',
    sortable: true,
    phone: 'title',
    minWidth: 160,
    cell: (c) => (
      <Box maw={280}>
        <Group gap={4} wrap="nowrap" align="center">
          <Anchor
            component={Link}
            to={`/w/${slug}/customers/${encodeURIComponent(c.id)}`}
            fw={600}
            fz="sm"
            c="var(--mantine-color-text)"
          >
            {c.name}
          </Anchor>
          <KnownPeek customer={c} />
        </Group>
        {c.externalId && (
          <Text fz="xs" c="dimmed" ff="monospace">
            {c.externalId}
          </Text>
        )}
      </Box>
    ),
  },
  { key: 'tier', header: 'Tier', cell: (c) => <TierBadge tier={c.value.tier} /> },
  {
    key: 'segment',
    header: 'Segment',
    visibleFrom: 'md',
    phone: 'hidden',
    cell: (c) => (
      <>
        <Text fz="sm">{c.segment ?? '—'}</Text>
        {/* narrower screens: the country under the segment instead of a column of its own */}
        {c.country && (
          <Text fz="xs" c="dimmed" hiddenFrom="xl">
            {c.country}
          </Text>
        )}
      </>
    ),
  },
  {
    key: 'country',
    header: 'Country',
    visibleFrom: 'xl',
    phone: 'hidden',
    cell: (c) => <Text fz="sm">{c.country ?? '—'}</Text>,
  },
  {
    key: 'owner',
    header: 'Owner',
    visibleFrom: 'md',
    phone: 'hidden',
    nowrap: true,
    cell: (c) => (
      <Text fz="sm" c={c.ownerName ? undefined : 'dimmed'}>
        {c.ownerName ?? 'No owner'}
      </Text>
    ),
  },
  {
    key: 'lifetime',
    header: 'Lifetime revenue',
    sortable: true,
    align: 'right',
    nowrap: true,
    cell: (c) => (
      <Text fz="sm" fw={600}>
        {formatMoney(c.value.lifetimeRevenue, c.currency)}
      </Text>
    ),
  },
  {
    key: 'trailing12m',
    header: 'Last 12 months',
    sortable: true,
    align: 'right',
    nowrap: true,
    visibleFrom: 'sm',
    phone: 'hidden',
    cell: (c) => right(formatMoney(c.value.trailing12mRevenue, c.currency)),
  },
  {
    key: 'orders',
    header: 'Orders',
    sortable: true,
    align: 'right',
    nowrap: true,
    visibleFrom: 'sm',
    phone: 'hidden',
    cell: (c) => right(formatCount(c.value.orderCount)),
  },
  {
    key: 'lastPurchase',
    header: 'Last purchase',
    sortable: true,
    align: 'right',
    nowrap: true,
    visibleFrom: 'md',
    cell: (c) =>
      c.value.lastPurchaseAt ? (
        <Tooltip label={formatDateTime(c.value.lastPurchaseAt)}>
          <Text fz="sm" component="span">
            {formatDate(c.value.lastPurchaseAt)}
          </Text>
        </Tooltip>
      ) : (
        <Text fz="sm" c="dimmed" component="span">
          Never
        </Text>
      ),
  },
]
