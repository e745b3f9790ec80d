import {
  Anchor,
  Badge,
  Button,
  Card,
  CopyButton,
  Grid,
  Group,
  Paper,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { useDisclosure, useMediaQuery } from '@mantine/hooks'
import {
  IconArrowLeft,
  IconArrowRight,
  IconCheck,
  IconCopy,
  IconExternalLink,
  IconGift,
  IconLifebuoy,
  IconLink,
  IconLockHeart,
  IconMail,
  IconMailOff,
  IconMessages,
  IconTool,
  IconUserShare,
} from '@tabler/icons-react'
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { WOW_SCALE } from '../../../domain/recovery/feedback.ts'
import { formatCount, formatDateTime, formatMoney, fromNow } from '../../app/format.ts'
import { EmptyCard, PageState } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { TierBadge } from '../customers/customer-words.tsx'
import { WhatWeKnow } from '../secrets/what-we-know.tsx'
import { StoryCard } from '../stories/write-story.tsx'
import { FixModal, HandOverModal } from './recovery-actions.tsx'
import { useCustomerBrief, useOops } from './recovery-api.ts'
import { ClockPanel, serverOffset } from './recovery-clock.tsx'
import { Composer, DueList, defaultKind, StepsTimeline } from './recovery-timeline.tsx'
import type { ContactKind, Oops } from './recovery-types.ts'
import {
  feedbackDeliveryWords,
  KIND_LABELS,
  OOPS_TYPE_LABELS,
  RECOVERY_KINDS,
  SEVERITY_COLORS,
  SEVERITY_LABELS,
  STATUS_LABELS,
} from './recovery-words.ts'
import { useCanRecover } from './report-oops.tsx'
import { SurpriseDone, SurprisePicker } from './surprise-card.tsx'

/** `/w/:slug/recoveries/:id`: everything the owner needs in the moment, on one page. */
export function RecoveryPage() {
  const { id = '' } = useParams()
  const { slug } = useWorkspace()
  const oops = useOops(id)
  const back = (
    <Anchor component={Link} to={`/w/${slug}/recoveries`} fz="sm" fw={500} mb="sm" display="inline-block">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        Recoveries
      </Group>
    </Anchor>
  )
  return (
    <>
      {back}
      <PageState
        query={oops}
        loading={
          <Stack gap="lg" aria-busy="true">
            <Skeleton h={48} w="60%" />
            <Skeleton h={200} />
            <Skeleton h={260} />
          </Stack>
        }
        notFound={
          <EmptyCard
            icon={<IconLifebuoy size={28} />}
            title="No such OOPS!"
            description="There is no such recovery in this workspace. The link may be mistyped."
          />
        }
      >
        {(o) => <RecoveryScreen o={o} receivedAt={oops.dataUpdatedAt} />}
      </PageState>
    </>
  )
}

const linkStore = (id: string) => `dazzle-feedback-link:${id}`

function RecoveryScreen({ o, receivedAt }: { o: Oops; receivedAt: number }) {
  const canAct = useCanRecover()
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false })
  const customer = useCustomerBrief(o.customer.id)
  const currency = customer.data?.currency
  const money = useCallback((n: number) => (currency ? formatMoney(n, currency) : formatCount(n)), [currency])
  const offset = useMemo(() => serverOffset(o.clock, receivedAt), [o.clock, receivedAt])
  const [fixing, fix] = useDisclosure(false)
  const [handing, hand] = useDisclosure(false)
  const [kind, setKind] = useState(() => defaultKind(o))
  // when what is owed changes (the fix and surprise are in: the final resolution is due), the
  // composer moves on to it
  const owed = `${o.status}:${o.due.map((d) => d.kind).join(',')}:${o.fixedAt ? 'fixed' : ''}`
  const lastOwed = useRef(owed)
  useEffect(() => {
    if (lastOwed.current === owed) return
    lastOwed.current = owed
    setKind(defaultKind(o))
  }, [owed, o])
  const composerRef = useRef<HTMLDivElement>(null)
  // the one-time link comes once, in the answer that closes the OOPS!: keep it for this tab
  const [feedbackLink, setFeedbackLink] = useState<string | null>(() =>
    sessionStorage.getItem(linkStore(o.id)),
  )
  const closed = o.status === 'closed'

  const logStep = (k: ContactKind) => {
    setKind(k)
    composerRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' })
  }

  const header = <Header o={o} />
  const clock = <ClockPanel clock={o.clock} windowHours={o.windowHours} status={o.status} offsetMs={offset} />
  const next = (
    <Section title="What to do now" icon={<IconArrowRight size={18} />}>
      <Stack gap="sm">
        <DueList o={o} onLog={canAct ? logStep : undefined} />
        {o.fixedAt ? (
          <Paper withBorder p="sm" style={{ borderColor: 'var(--mantine-color-teal-filled)' }}>
            <Group gap={6} mb={2}>
              <Badge color="teal" leftSection={<IconCheck size={12} />}>
                Fixed
              </Badge>
              <Text fz="xs" c="dimmed">
                {formatDateTime(o.fixedAt)}
              </Text>
            </Group>
            {o.fixNote && (
              <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {o.fixNote}
              </Text>
            )}
          </Paper>
        ) : null}
        {canAct && !closed && (
          <Group gap="xs">
            {!o.fixedAt && (
              <Button color="teal" leftSection={<IconTool size={16} />} onClick={fix.open}>
                Record the fix
              </Button>
            )}
            <Button
              variant="default"
              leftSection={<IconMessages size={16} />}
              onClick={() => logStep(kind as ContactKind)}
            >
              Log a contact
            </Button>
            <Button variant="default" leftSection={<IconUserShare size={16} />} onClick={hand.open}>
              Hand over
            </Button>
          </Group>
        )}
      </Stack>
    </Section>
  )
  const surprise = (
    <Section title={o.surprise ? 'The surprise' : 'Surprise them'} icon={<IconGift size={18} />}>
      {o.surprise ? (
        <SurpriseDone o={o} money={money} />
      ) : closed ? (
        <Text fz="sm" c="dimmed">
          Closed without a surprise.
        </Text>
      ) : (
        <SurprisePicker o={o} money={money} canAct={canAct} />
      )}
    </Section>
  )
  const know = (
    <Section title="What secrets do we know?" icon={<IconLockHeart size={18} />}>
      <WhatWeKnow customerId={o.customer.id} compact />
    </Section>
  )
  const talk = (
    <Section title="Keeping the customer informed" icon={<IconMessages size={18} />}>
      <Stack gap="lg">
        <StepsTimeline o={o} />
        {canAct && (
          <div ref={composerRef} style={{ scrollMarginTop: 80 }}>
            <Paper withBorder p="md" bg="var(--mantine-color-body)">
              <Composer
                o={o}
                kind={kind}
                onKind={setKind}
                onClosed={(link) => {
                  sessionStorage.setItem(linkStore(o.id), link)
                  setFeedbackLink(link)
                }}
              />
            </Paper>
          </div>
        )}
      </Stack>
    </Section>
  )
  const who = <CustomerCard o={o} money={money} />
  const feedback = <FeedbackCard o={o} link={feedbackLink} />
  const story = <StoryCard o={o} />
  const owner = <OwnerCard o={o} onHandOver={canAct && !closed ? hand.open : undefined} money={money} />

  return (
    <>
      {header}
      {wide ? (
        <Grid gap="lg">
          <Grid.Col span={7}>
            <Stack gap="lg">
              {clock}
              {next}
              {surprise}
              {talk}
            </Stack>
          </Grid.Col>
          <Grid.Col span={5}>
            <Stack gap="lg">
              {who}
              {know}
              {feedback}
              {story}
              {owner}
            </Stack>
          </Grid.Col>
        </Grid>
      ) : (
        // on the move: the clock, what to do, what we know, then the rest
        <Stack gap="md">
          {clock}
          {next}
          {know}
          {surprise}
          {talk}
          {who}
          {feedback}
          {story}
          {owner}
        </Stack>
      )}
      <FixModal o={o} opened={fixing} onClose={fix.close} />
      <HandOverModal o={o} opened={handing} onClose={hand.close} />
    </>
  )
}

function Section({ title, icon, children }: { title: string; icon?: ReactNode; children: ReactNode }) {
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-label={title}>
      <Group gap={8} mb="sm">
        {icon && (
          <Text c="violet" component="span" style={{ display: 'flex' }} aria-hidden>
            {icon}
          </Text>
        )}
        <Title order={2} fz="lg">
          {title}
        </Title>
      </Group>
      {children}
    </Card>
  )
}

function Header({ o }: { o: Oops }) {
  return (
    <Stack gap={6} mb="lg">
      <Group gap="xs" wrap="wrap">
        <Badge color="red" variant="light">
          OOPS!
        </Badge>
        <Badge variant="light" color={SEVERITY_COLORS[o.severity]}>
          {SEVERITY_LABELS[o.severity]}
        </Badge>
        <Badge variant="outline" color={o.status === 'open' ? 'violet' : 'gray'}>
          {STATUS_LABELS[o.status]}
        </Badge>
      </Group>
      <Title order={1} fz={{ base: 22, sm: 28 }} style={{ overflowWrap: 'anywhere' }}>
        {OOPS_TYPE_LABELS[o.type]} · {o.customer.name}
      </Title>
      <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} maw={760}>
        {o.description}
      </Text>
      <Text fz="sm" c="dimmed">
        Let down {formatDateTime(o.letDownAt)}
        {o.personName ? ` · ${o.personName}` : ''} · reported {fromNow(o.reportedAt)}
        {o.reportedBy ? ` by ${o.reportedBy.name}` : ''}
      </Text>
    </Stack>
  )
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text fz="xs" c="dimmed" tt="uppercase" fw={700} lts={0.4}>
        {label}
      </Text>
      <Text fz="sm" fw={600} mt={2} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  )
}

function CustomerCard({ o, money }: { o: Oops; money: (n: number) => string }) {
  const { slug } = useWorkspace()
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-label="Customer">
      <Group justify="space-between" wrap="nowrap" gap="xs" mb="sm">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <Anchor
            component={Link}
            to={`/w/${slug}/customers/${o.customer.id}`}
            fw={700}
            fz="lg"
            truncate="end"
          >
            {o.customer.name}
          </Anchor>
          <TierBadge tier={o.customer.tier} long />
        </Group>
      </Group>
      <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
        <Fact label="Lifetime value">{money(o.customerValue.lifetimeRevenue)}</Fact>
        <Fact label="Last 12 months">{money(o.customerValue.trailing12mRevenue)}</Fact>
        <Fact label="Rank">
          {o.customerValue.rank !== null ? `#${formatCount(o.customerValue.rank)}` : '—'}
        </Fact>
        <Fact label="Segment">{o.customer.segment ?? '—'}</Fact>
        <Fact label="Affected person">{o.personName ?? '—'}</Fact>
        <Fact label="Email">{o.personEmail ?? '—'}</Fact>
      </SimpleGrid>
    </Card>
  )
}

function OwnerCard({
  o,
  onHandOver,
  money,
}: {
  o: Oops
  onHandOver?: (() => void) | undefined
  money: (n: number) => string
}) {
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-label="Owner and plan">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Fact label="Owner">{o.owner?.name ?? 'No owner'}</Fact>
          {onHandOver && (
            <Button size="xs" variant="light" leftSection={<IconUserShare size={14} />} onClick={onHandOver}>
              Hand over
            </Button>
          )}
        </Group>
        {o.handoffs.length > 0 && (
          <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Hand-overs">
            {o.handoffs.map((h) => (
              <li key={h.at + (h.toName ?? '')}>
                <Text fz="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {fromNow(h.at)}: {h.fromName ?? 'someone'} → {h.toName ?? 'someone'} — “{h.reason}”
                </Text>
              </li>
            ))}
          </Stack>
        )}
        <SimpleGrid cols={2} spacing="sm">
          <Fact label="Recovery plan">{o.plan?.name ?? 'Default'}</Fact>
          <Fact label="Surprise budget">{money(o.investmentCap)}</Fact>
          <Fact label="Window">{o.windowHours} h</Fact>
          <Fact label="Allowed">
            {!o.plan || o.plan.allowedKinds.length === RECOVERY_KINDS.length
              ? 'Any kind'
              : o.plan.allowedKinds.map((k) => KIND_LABELS[k]).join(', ')}
          </Fact>
        </SimpleGrid>
      </Stack>
    </Card>
  )
}

const DELIVERY_COLORS = { emailed: 'blue', link_only: 'yellow', email_failed: 'red', made: 'gray' } as const
const DELIVERY_ICONS = {
  emailed: <IconMail size={16} />,
  link_only: <IconLink size={16} />,
  email_failed: <IconMailOff size={16} />,
  made: <IconLink size={16} />,
} as const

const wowLabel = (n: number) => WOW_SCALE.find((s) => s.value === n)?.label ?? String(n)

/** Loyalty before and after, and the answer to "did we blow you away?". */
function FeedbackCard({ o, link }: { o: Oops; link: string | null }) {
  const f = o.feedback
  const answered = !!f?.answeredAt
  const delivery = feedbackDeliveryWords(o)
  useEffect(() => {
    if (answered) sessionStorage.removeItem(linkStore(o.id))
  }, [answered, o.id])
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-label="Feedback">
      <Title order={2} fz="lg" mb="sm">
        “Did we blow you away?”
      </Title>
      {answered && f ? (
        <Stack gap="sm">
          <Paper
            p="md"
            bg={`var(--mantine-color-${(f.wow ?? 0) >= 5 ? 'grape' : (f.wow ?? 0) >= 4 ? 'teal' : 'gray'}-light)`}
          >
            <Text fz="xs" c="dimmed" fw={700} tt="uppercase" lts={0.4}>
              The customer said
            </Text>
            <Text fz="xl" fw={800} data-testid="wow-answer">
              {f.wow !== null ? wowLabel(f.wow) : '—'}
            </Text>
            <Text fz="xs" c="dimmed">
              {f.answeredAt ? formatDateTime(f.answeredAt) : ''} ·{' '}
              {f.fixed ? 'they say it was fixed' : 'they say it was NOT fixed'}
            </Text>
          </Paper>
          <NpsBeforeAfter before={o.npsBefore} after={f.npsAfter} />
          {f.comment && (
            <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              “{f.comment}”
            </Text>
          )}
        </Stack>
      ) : delivery && f ? (
        <Stack gap="sm">
          <Paper
            withBorder
            p="sm"
            role="status"
            aria-label="How the link went out"
            style={{ borderColor: `var(--mantine-color-${DELIVERY_COLORS[delivery.tone]}-outline)` }}
            bg={`var(--mantine-color-${DELIVERY_COLORS[delivery.tone]}-light)`}
          >
            <Group gap={8} wrap="nowrap" align="flex-start">
              <Text
                component="span"
                c={`${DELIVERY_COLORS[delivery.tone]}.8`}
                style={{ display: 'flex' }}
                mt={2}
              >
                {DELIVERY_ICONS[delivery.tone]}
              </Text>
              <div style={{ minWidth: 0 }}>
                <Text fz="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="feedback-delivery">
                  {delivery.title}
                </Text>
                {delivery.hint && (
                  <Text fz="sm" mt={2}>
                    {delivery.hint}
                  </Text>
                )}
                <Text fz="xs" c="dimmed" mt={2}>
                  {f.askedAt ? <span title={formatDateTime(f.askedAt)}>{fromNow(f.askedAt)}</span> : null}
                  {f.askedAt ? ' · ' : ''}waiting for the answer
                </Text>
              </div>
            </Group>
          </Paper>
          {link ? (
            <Stack gap={6}>
              <Text fz="sm" c="dimmed">
                {delivery.tone === 'emailed'
                  ? 'The one-time link, if you want to hand it over yourself as well (it works once, for 14 days):'
                  : 'The one-time link to hand over (it works once, for 14 days):'}
              </Text>
              <Group gap={6} wrap="nowrap">
                <TextInput
                  value={link}
                  readOnly
                  aria-label="Feedback link"
                  style={{ flex: 1, minWidth: 0 }}
                  onFocus={(e) => e.currentTarget.select()}
                />
                <CopyButton value={link}>
                  {({ copied, copy }) => (
                    <Button
                      variant="light"
                      onClick={copy}
                      leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                    >
                      {copied ? 'Copied' : 'Copy'}
                    </Button>
                  )}
                </CopyButton>
              </Group>
              <Anchor href={link} target="_blank" rel="noreferrer" fz="sm">
                <Group gap={4} component="span">
                  Open it <IconExternalLink size={14} aria-hidden />
                </Group>
              </Anchor>
            </Stack>
          ) : delivery.tone !== 'emailed' ? (
            <Text fz="xs" c="dimmed">
              Dazzle keeps only a fingerprint of the link, not the link: it was shown once, to whoever logged
              the final resolution.
            </Text>
          ) : null}
          <NpsBeforeAfter before={o.npsBefore} after={null} />
        </Stack>
      ) : (
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            Asked the moment the final resolution is logged: a one-time link, no sign-in, good on a phone.
          </Text>
          <NpsBeforeAfter before={o.npsBefore} after={null} />
        </Stack>
      )}
    </Card>
  )
}

function NpsBeforeAfter({ before, after }: { before: number | null; after: number | null }) {
  return (
    <Group gap="lg">
      <Fact label="Recommend, before">{before === null ? '—' : `${before}/10`}</Fact>
      <IconArrowRight size={16} style={{ opacity: 0.5 }} aria-hidden />
      <Fact label="After">{after === null ? '—' : `${after}/10`}</Fact>
    </Group>
  )
}
