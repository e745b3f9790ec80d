import { BarChart } from '@mantine/charts'
import {
  Badge,
  Button,
  Card,
  Center,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { IconBuildingStore, IconChartBar, IconPencil, IconReceipt, IconUser } from '@tabler/icons-react'
import { type ReactNode, useEffect, useState } from 'react'
import { useParams } from 'react-router'
import {
  formatCount,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatShare,
} from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, PageState } from '../../app/status-pages.tsx'
import type { CustomerDetail, Purchase } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { BackLink } from '../../ui/back-link.tsx'
import { CardHeader } from '../../ui/card-header.tsx'
import { type Column, DataTable } from '../../ui/data-table.tsx'
import { Figure, FiguresSkeleton } from '../../ui/figure.tsx'
import { ListCard } from '../../ui/list-card.tsx'
import { RelationshipDepthCard } from '../accountability/relationship-depth-card.tsx'
import { CustomerMomentsCard } from '../moments/customer-moments-card.tsx'
import { ReportOopsButton } from '../recoveries/report-oops.tsx'
import { CustomerSecretsSection } from '../secrets/customer-secrets.tsx'
import { NotesToSecretsCard } from '../secrets/notes-proposals.tsx'
import { CustomerFormModal } from './customer-form.tsx'
import { KIND_LABELS, TierBadge } from './customer-words.tsx'
import {
  useCustomer,
  useCustomerCount,
  usePurchases,
  useRevenueByMonth,
  useUpdateCustomer,
} from './customers-api.ts'
import { FamilySection, PeopleSection } from './people-sections.tsx'
import { PrivacyActions } from './privacy-actions.tsx'

/**
 * `/w/:slug/customers/:id`: the hub of one customer. Later capabilities (secrets, recoveries,
 * relationship depth) plug in here as cards of their own.
 */
export function CustomerPage() {
  const { id = '' } = useParams()
  const { slug } = useWorkspace()
  const customer = useCustomer(id)

  const back = <BackLink to={`/w/${slug}/customers`}>Customer list</BackLink>

  return (
    <>
      {back}
      <PageState
        query={customer}
        loading={<FiguresSkeleton heading />}
        notFound={
          <CustomerNotFound>
            There is no such customer in this workspace. It may have been removed, or the link is mistyped.
          </CustomerNotFound>
        }
      >
        {(c) => <CustomerHub c={c} />}
      </PageState>
    </>
  )
}

/** A page of a customer the workspace does not have: `children` says what that means for the page. */
export const CustomerNotFound = ({ children }: { children: string }) => (
  <EmptyCard icon={<IconUser size={28} />} title="Customer not found" description={children} />
)

function CustomerHub({ c }: { c: CustomerDetail }) {
  const update = useUpdateCustomer(c.id)
  const [editing, setEditing] = useState(false)
  // a link to one section of the hub ("Plan an engagement" → #engagements) lands on it once it is drawn
  useEffect(() => {
    const section = window.location.hash.slice(1)
    if (section) document.getElementById(section)?.scrollIntoView({ block: 'start' })
  }, [])
  return (
    <>
      <CustomerHeader
        c={c}
        onEdit={() => {
          update.reset()
          setEditing(true)
        }}
      />
      <Stack gap="xl">
        <ValueFigures c={c} />
        <RelationshipDepthCard c={c} />
        <CustomerMomentsCard c={c} />
        <CustomerSecretsSection c={c} />
        <NotesToSecretsCard c={c} />
        <RevenueChart c={c} />
        {c.kind === 'organisation' && <PeopleSection c={c} />}
        <FamilySection c={c} />
        {c.notes && (
          <Card>
            <Title order={2} fz="lg" mb="xs">
              Notes
            </Title>
            <Text fz="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {c.notes}
            </Text>
          </Card>
        )}
        <PurchasesCard c={c} />
      </Stack>
      <CustomerFormModal
        opened={editing}
        onClose={() => setEditing(false)}
        title={`Edit ${c.name}`}
        submitLabel="Save changes"
        initial={c}
        currency={c.currency}
        pending={update.isPending}
        error={update.error}
        onSubmit={(input) =>
          update.mutate(input, {
            onSuccess: () => {
              setEditing(false)
              notifySuccess(`${input.name} is up to date.`, 'Customer saved')
            },
          })
        }
      />
    </>
  )
}

function CustomerHeader({ c, onEdit }: { c: CustomerDetail; onEdit: () => void }) {
  const count = useCustomerCount()
  const KindIcon = c.kind === 'organisation' ? IconBuildingStore : IconUser
  const facts: { label: string; value: ReactNode }[] = [
    { label: 'Segment', value: c.segment ?? '—' },
    { label: 'Country', value: c.country ?? '—' },
    { label: 'Owner', value: c.ownerName ?? 'No owner' },
  ]
  if (c.externalId) facts.unshift({ label: 'External id', value: c.externalId })
  return (
    <PageHeader
      title={c.name}
      icon={<KindIcon size={24} stroke={1.6} />}
      description={
        <Stack gap={8} mt={4} component="span">
          <Group gap={8} component="span">
            <Badge variant="outline" color="gray" component="span">
              {KIND_LABELS[c.kind]}
            </Badge>
            <TierBadge tier={c.value.tier} long />
            {c.value.rank !== null && (
              <Text component="span" fz="sm" fw={600} c="var(--mantine-color-text)">
                #{formatCount(c.value.rank)}
                {count.data ? ` of ${formatCount(count.data)}` : ''}
              </Text>
            )}
          </Group>
          <Group gap="lg" component="span" style={{ rowGap: 4 }}>
            {facts.map((f) => (
              <Text key={f.label} component="span" fz="sm">
                <Text component="span" c="dimmed" fz="sm">
                  {f.label}:{' '}
                </Text>
                <Text component="span" fz="sm" fw={500} c="var(--mantine-color-text)">
                  {f.value}
                </Text>
              </Text>
            ))}
          </Group>
        </Stack>
      }
      actions={
        <PrivacyActions c={c}>
          <ReportOopsButton customerId={c.id} />
          <Button variant="default" leftSection={<IconPencil size={16} />} onClick={onEdit}>
            Edit customer
          </Button>
        </PrivacyActions>
      }
    />
  )
}

function ValueFigures({ c }: { c: CustomerDetail }) {
  const v = c.value
  const money = (n: number) => formatMoney(n, c.currency)
  const date = (iso: string | null) =>
    iso ? (
      <Tooltip label={formatDateTime(iso)}>
        <span>{formatDate(iso)}</span>
      </Tooltip>
    ) : (
      '—'
    )
  return (
    <section aria-label="Value">
      <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="md">
        <Figure label="Lifetime revenue" value={money(v.lifetimeRevenue)} />
        <Figure label="Last 12 months" value={money(v.trailing12mRevenue)} />
        <Figure label="Orders" value={formatCount(v.orderCount)} />
        <Figure label="Average order" value={v.averageOrder === null ? '—' : money(v.averageOrder)} />
        <Figure label="First purchase" value={date(v.firstPurchaseAt)} />
        <Figure label="Last purchase" value={date(v.lastPurchaseAt)} />
        {v.estimatedCategorySpend !== null && (
          <Figure
            label="Wallet share"
            value={v.walletShare === null ? '—' : formatShare(v.walletShare)}
            hint={`of an estimated ${money(v.estimatedCategorySpend)} a year`}
          />
        )}
      </SimpleGrid>
    </section>
  )
}

const monthLabel = (month: string): string => {
  const [y, m] = month.split('-').map(Number)
  if (!y || !m) return month
  return new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  )
}

function RevenueChart({ c }: { c: CustomerDetail }) {
  const months = useRevenueByMonth(c.id)
  const data = (months.data ?? []).map((m) => ({ ...m, label: monthLabel(m.month) }))
  return (
    <Card h="100%">
      <CardHeader
        icon={<IconChartBar size={20} stroke={1.6} aria-hidden />}
        title="Revenue by month"
        mb="md"
      />
      {months.isError ? (
        <Text fz="sm" c="red">
          The revenue history did not load. {months.error.message}
        </Text>
      ) : months.isPending ? (
        <Skeleton h={240} />
      ) : data.length === 0 ? (
        <Center h={240}>
          <Text fz="sm" c="dimmed">
            No purchases yet, so no revenue to chart.
          </Text>
        </Center>
      ) : (
        <BarChart
          h={240}
          data={data}
          dataKey="label"
          series={[{ name: 'revenue', label: 'Revenue', color: 'violet.6' }]}
          valueFormatter={(n) => formatMoney(n, c.currency, true)}
          tickLine="y"
          gridAxis="y"
          barProps={{ radius: [4, 4, 0, 0] }}
          tooltipProps={{ cursor: { fill: 'var(--mantine-color-default-hover)' } }}
          aria-label={`Revenue by month for ${c.name}`}
          role="img"
        />
      )}
    </Card>
  )
}

const PURCHASES_PAGE = 25

/** A cancelled line in red, a line that is no product (postage, a fee) dimmed. */
const lineColor = (p: Purchase) => (p.isCancellation ? 'red' : p.isProduct ? undefined : 'dimmed')

const PURCHASE_COLUMNS: Column<Purchase>[] = [
  {
    key: 'date',
    header: 'Date',
    nowrap: true,
    cell: (p) => (
      <Text fz="sm" c={lineColor(p)} title={formatDateTime(p.purchasedAt)}>
        {formatDate(p.purchasedAt)}
      </Text>
    ),
  },
  {
    key: 'invoice',
    header: 'Invoice',
    cell: (p) => (
      <Text fz="sm" ff="monospace" c={lineColor(p)}>
        {p.invoiceId}
      </Text>
    ),
  },
  {
    key: 'product',
    header: 'Product',
    phone: 'title',
    cell: (p) => (
      <Group gap={6} wrap="nowrap" align="flex-start">
        <div>
          <Text fz="sm" c={lineColor(p)}>
            {p.description ?? '—'}
          </Text>
          {p.productCode && (
            <Text fz="xs" c="dimmed" ff="monospace">
              {p.productCode}
            </Text>
          )}
        </div>
        {p.isCancellation && (
          <Badge color="red" variant="light" size="sm">
            Cancelled
          </Badge>
        )}
        {!p.isProduct && (
          <Badge color="gray" variant="outline" size="sm">
            Non-product
          </Badge>
        )}
      </Group>
    ),
  },
  {
    key: 'quantity',
    header: 'Quantity',
    align: 'right',
    cell: (p) => (
      <Text fz="sm" c={lineColor(p)}>
        {formatNumber(p.quantity)}
      </Text>
    ),
  },
  {
    key: 'unitPrice',
    header: 'Unit price',
    align: 'right',
    nowrap: true,
    cell: (p) => (
      <Text fz="sm" c={lineColor(p)}>
        {formatMoney(p.unitPrice, p.currency)}
      </Text>
    ),
  },
  {
    key: 'amount',
    header: 'Amount',
    align: 'right',
    nowrap: true,
    cell: (p) => (
      <Text fz="sm" fw={600} c={lineColor(p)}>
        {formatMoney(p.amount, p.currency)}
      </Text>
    ),
  },
]

function PurchasesCard({ c }: { c: CustomerDetail }) {
  const [page, setPage] = useState(1)
  const purchases = usePurchases(c.id, page, PURCHASES_PAGE)
  const data = purchases.data
  return (
    <ListCard
      icon={<IconReceipt size={20} stroke={1.6} aria-hidden />}
      title="Purchases"
      summary={data && `${formatCount(data.total)} ${data.total === 1 ? 'line' : 'lines'}, newest first`}
      error={purchases.error}
      onRetry={() => purchases.refetch()}
    >
      <DataTable
        label="Purchases"
        rows={data?.purchases}
        rowKey={(p) => p.id}
        columns={PURCHASE_COLUMNS}
        loading={!data}
        loadingRows={3}
        empty="No purchases recorded yet. They arrive with a purchases import."
        pageSize={data?.pageSize || PURCHASES_PAGE}
        page={page}
        total={data?.total ?? 0}
        onPage={setPage}
        stale={purchases.isPlaceholderData}
        rowStyle={(p) =>
          p.isCancellation
            ? { background: 'light-dark(var(--mantine-color-red-0), rgba(250, 82, 82, 0.08))' }
            : undefined
        }
        minWidth={640}
      />
    </ListCard>
  )
}
