import './manual-print.css'
import {
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core'
import { IconBook2, IconFileTypePdf, IconMarkdown, IconPrinter } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { useParams } from 'react-router'
import { formatCount, formatDate, formatDateTime, formatMoney, formatShare } from '../../app/format.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { PageState } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { BackLink } from '../../ui/back-link.tsx'
import { CardHeader } from '../../ui/card-header.tsx'
import { type Column, DataTable } from '../../ui/data-table.tsx'
import { DownloadButton } from '../../ui/download-button.tsx'
import { Figure } from '../../ui/figure.tsx'
import { CustomerNotFound } from '../customers/customer-page.tsx'
import { RELATION_LABELS } from '../customers/customer-words.tsx'
import { SecretText } from './secret-text.tsx'
import { downloadManual, useManual } from './secrets-api.ts'
import type { SecretsManual } from './secrets-types.ts'
import { CERTAINTY_SHORT, CHANNEL_LABELS, COVERAGE_COLORS, COVERAGE_LABELS } from './secrets-words.ts'

/**
 * `/w/:slug/customers/:id/manual`: the secrets manual, a living document read from the data as it
 * is now; printable (the print stylesheet drops the app around it) and exportable as Markdown or PDF.
 */
export function ManualPage() {
  const { id = '' } = useParams()
  const { slug } = useWorkspace()
  const manual = useManual(id)
  const back = (
    <BackLink to={`/w/${slug}/customers/${encodeURIComponent(id)}`}>
      {manual.data ? manual.data.customer.name : 'Customer'}
    </BackLink>
  )
  return (
    <div className="dazzle-manual">
      {back}
      <PageState
        query={manual}
        loading={
          <Stack>
            <Skeleton h={50} w="60%" />
            <Skeleton h={120} />
            <Skeleton h={300} />
          </Stack>
        }
        notFound={
          <CustomerNotFound>
            There is no such customer in this workspace, so there is no manual to show.
          </CustomerNotFound>
        }
      >
        {(m) => <ManualDocument m={m} />}
      </PageState>
    </div>
  )
}

function Exports({ m }: { m: SecretsManual }) {
  const { slug } = useWorkspace()
  const download = (format: 'md' | 'pdf') => () => downloadManual(slug, m.customer.id, format)
  return (
    <Group gap="xs" className="dazzle-no-print">
      <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
        Print
      </Button>
      <DownloadButton
        icon={<IconMarkdown size={16} />}
        download={download('md')}
        failed="The export did not work"
      >
        Markdown
      </DownloadButton>
      <DownloadButton
        variant="filled"
        icon={<IconFileTypePdf size={16} />}
        download={download('pdf')}
        failed="The export did not work"
      >
        PDF
      </DownloadButton>
    </Group>
  )
}

function Section({ title, children, aside }: { title: string; children: ReactNode; aside?: ReactNode }) {
  return (
    <Card component="section" aria-label={title}>
      <CardHeader title={title} aside={aside} />
      {children}
    </Card>
  )
}

type Gatherer = SecretsManual['gatherers'][number]
type TopProduct = SecretsManual['purchases']['topProducts'][number]

const GATHERER_COLUMNS: Column<Gatherer>[] = [
  { key: 'name', header: 'Recorded by', phone: 'title', cell: (g) => <Text fz="sm">{g.name}</Text> },
  { key: 'recorded', header: 'Secrets', align: 'right', cell: (g) => g.recorded },
  { key: 'active', header: 'Still active', align: 'right', cell: (g) => g.active },
  {
    key: 'last',
    header: 'Last',
    align: 'right',
    nowrap: true,
    visibleFrom: 'xs',
    cell: (g) => <Text fz="sm">{formatDate(g.lastRecordedAt)}</Text>,
  },
]

const productColumns = (money: (n: number) => string): Column<TopProduct>[] => [
  { key: 'product', header: 'Product', phone: 'title', cell: (p) => <Text fz="sm">{p.product}</Text> },
  { key: 'quantity', header: 'Quantity', align: 'right', cell: (p) => formatCount(p.quantity) },
  { key: 'orders', header: 'Orders', align: 'right', visibleFrom: 'sm', cell: (p) => formatCount(p.orders) },
  { key: 'revenue', header: 'Revenue', align: 'right', nowrap: true, cell: (p) => money(p.revenue) },
]

function ManualDocument({ m }: { m: SecretsManual }) {
  const c = m.customer
  const facts = [
    c.kind === 'person' ? 'Person' : 'Organisation',
    c.tier ? `Tier ${c.tier}` : null,
    c.rank !== null ? `#${formatCount(c.rank)} by value` : null,
    c.segment,
    c.country,
    c.ownerName ? `Owner: ${c.ownerName}` : null,
  ].filter(Boolean)
  const money = (n: number) => formatMoney(n, m.purchases.currency)
  const known = m.coverage.filter((x) => x.state === 'known').length
  const stale = m.coverage.filter((x) => x.state === 'stale').length
  return (
    <>
      <PageHeader
        title={`Secrets manual: ${c.name}`}
        icon={<IconBook2 size={24} stroke={1.6} />}
        description={
          <>
            {facts.join(' · ')}
            <br />
            <Text component="span" fz="sm" c="dimmed">
              A living document, as of {formatDateTime(m.generatedAt)}. Confidential: personal data. Every
              read and export is recorded in the audit trail.
            </Text>
          </>
        }
        actions={<Exports m={m} />}
      />
      <Stack gap="lg">
        <Section
          title="Coverage"
          aside={
            <Text fz="sm" c="dimmed">
              {m.activeCount} active {m.activeCount === 1 ? 'secret' : 'secrets'} ·{' '}
              {formatShare(m.coverageShare, 0)} known and fresh
            </Text>
          }
        >
          <Progress.Root
            size="md"
            mb="sm"
            role="group"
            aria-label={`Coverage ${formatShare(m.coverageShare, 0)}`}
          >
            <Progress.Section
              value={(known / Math.max(1, m.coverage.length)) * 100}
              color="teal"
              aria-label="Known and fresh"
            />
            <Progress.Section
              value={(stale / Math.max(1, m.coverage.length)) * 100}
              color="yellow"
              aria-label="Stale, to confirm"
            />
          </Progress.Root>
          <Group gap={6}>
            {m.coverage.map((x) => (
              <Tooltip
                key={x.category}
                label={
                  x.lastConfirmedAt
                    ? `${COVERAGE_LABELS[x.state]}: ${x.activeCount} secret(s), last confirmed ${formatDate(x.lastConfirmedAt)}`
                    : 'Nothing known yet: ask about it'
                }
              >
                <Badge variant={x.state === 'empty' ? 'outline' : 'light'} color={COVERAGE_COLORS[x.state]}>
                  {x.label}
                  {x.activeCount > 0 ? ` · ${x.activeCount}` : ''}
                </Badge>
              </Tooltip>
            ))}
          </Group>
        </Section>

        <Section title="Secrets by category">
          {m.categories.length === 0 ? (
            <Text fz="sm" c="dimmed">
              Nothing recorded yet. Open the customer and ask one of the suggested questions.
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="lg">
              {m.categories.map((cat) => (
                <div key={cat.category}>
                  <Title order={3} fz="md" mb={6}>
                    {cat.label}
                  </Title>
                  <Stack gap={8} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                    {cat.secrets.map((s) => (
                      <li key={s.id} className="dazzle-manual-secret">
                        <SecretText personName={s.personName} text={s.text} />
                        <Text fz="xs" c="dimmed">
                          {s.layer === 'need' ? 'Need · ' : ''}
                          {CERTAINTY_SHORT[s.certainty]}
                          {s.recordedByName ? ` · ${s.recordedByName}` : ''} · confirmed{' '}
                          {formatDate(s.lastConfirmedAt)}
                          {s.stale ? ' · stale, confirm it' : ''}
                        </Text>
                      </li>
                    ))}
                  </Stack>
                </div>
              ))}
            </SimpleGrid>
          )}
        </Section>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Section title="Family and key people">
            {m.people.length === 0 && m.family.length === 0 ? (
              <Text fz="sm" c="dimmed">
                No one recorded by name yet. Know them by name, spouse and children.
              </Text>
            ) : (
              <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
                {m.people.map((p) => (
                  <Text key={p.id} component="li" fz="sm">
                    <Text component="span" fw={600} fz="sm">
                      {p.name}
                    </Text>
                    {p.title ? `, ${p.title}` : ''}
                    <Text component="span" c="dimmed" fz="sm">
                      {' '}
                      · {p.secretCount} {p.secretCount === 1 ? 'secret' : 'secrets'}
                    </Text>
                  </Text>
                ))}
                {m.family.map((f, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the manual's relations carry no id
                  <Text key={i} component="li" fz="sm">
                    <Text component="span" fw={600} fz="sm">
                      {f.name}
                    </Text>
                    <Text component="span" c="dimmed" fz="sm">
                      {' '}
                      · {(RELATION_LABELS as Record<string, string>)[f.kind] ?? f.kind}
                      {f.of ? ` of ${f.of}` : ''}
                      {f.birthday ? ` · born ${formatDate(`${f.birthday}T12:00:00Z`)}` : ''}
                    </Text>
                    {f.notes ? ` — ${f.notes}` : ''}
                  </Text>
                ))}
              </Stack>
            )}
          </Section>

          <Section title="Who gathered what">
            {m.gatherers.length === 0 ? (
              <Text fz="sm" c="dimmed">
                No one yet.
              </Text>
            ) : (
              <DataTable
                label="Who gathered what"
                rows={m.gatherers}
                rowKey={(g) => g.userId ?? g.name}
                columns={GATHERER_COLUMNS}
                empty="No one yet."
                dense
              />
            )}
          </Section>
        </SimpleGrid>

        <Section title="Purchases">
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" mb="md">
            <Figure
              size="sm"
              boxed={false}
              label="Lifetime revenue"
              value={money(m.purchases.lifetimeRevenue)}
            />
            <Figure
              size="sm"
              boxed={false}
              label="Last 12 months"
              value={money(m.purchases.trailing12mRevenue)}
            />
            <Figure size="sm" boxed={false} label="Orders" value={formatCount(m.purchases.orderCount)} />
            <Figure
              size="sm"
              boxed={false}
              label="Average order"
              value={m.purchases.averageOrder === null ? '—' : money(m.purchases.averageOrder)}
            />
            <Figure
              size="sm"
              boxed={false}
              label="First purchase"
              value={m.purchases.firstPurchaseAt ? formatDate(m.purchases.firstPurchaseAt) : '—'}
            />
            <Figure
              size="sm"
              boxed={false}
              label="Last purchase"
              value={m.purchases.lastPurchaseAt ? formatDate(m.purchases.lastPurchaseAt) : '—'}
            />
          </SimpleGrid>
          {m.purchases.topProducts.length > 0 && (
            <DataTable
              label="What they buy most"
              caption="What they buy most, by revenue"
              rows={m.purchases.topProducts}
              rowKey={(p) => `${p.productCode}-${p.product}`}
              columns={productColumns(money)}
              empty=""
              minWidth={300}
              dense
            />
          )}
        </Section>

        <Section title="Engagements">
          {m.engagements.length === 0 ? (
            <Text fz="sm" c="dimmed">
              No meeting, call or visit logged yet.
            </Text>
          ) : (
            <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
              {m.engagements.map((g) => (
                <Text key={g.id} component="li" fz="sm" className="dazzle-manual-secret">
                  <Text component="span" fz="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(g.occurredAt)} ·{' '}
                  </Text>
                  <Text component="span" fw={600} fz="sm">
                    {CHANNEL_LABELS[g.channel]}
                  </Text>
                  {g.summary ? `: ${g.summary}` : ''}
                  {g.people.length + g.colleagues.length > 0 && (
                    <Text component="span" c="dimmed" fz="sm">
                      {' '}
                      — {[...g.people, ...g.colleagues].join(', ')}
                    </Text>
                  )}
                  {g.secretCount > 0 && (
                    <Badge size="xs" variant="light" ml={6}>
                      {g.secretCount} {g.secretCount === 1 ? 'secret' : 'secrets'}
                    </Badge>
                  )}
                </Text>
              ))}
            </Stack>
          )}
        </Section>
        <Text fz="xs" c="dimmed" className="dazzle-print-only">
          Printed from Dazzle on {formatDateTime(m.generatedAt)}. Confidential: personal data about {c.name}.
        </Text>
      </Stack>
    </>
  )
}
