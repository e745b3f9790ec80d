import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Skeleton,
  Stack,
  Text,
  type TextProps,
} from '@mantine/core'
import { IconAlertTriangle, IconBroadcast, IconLockHeart, IconRefresh } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { formatDateTime, fromNow } from '../../app/format.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard } from '../../app/status-pages.tsx'
import type { Tier } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { FilterSelect } from '../../ui/filter-bar.tsx'
import { TierFilter } from '../customers/customer-select.tsx'
import { TIER_OPTIONS, TierBadge } from '../customers/customer-words.tsx'
import { useMembers } from '../workspaces/workspaces-api.ts'
import { type FeedConnection, type FeedFilters, type FeedItem, useLiveFeed } from './feed-api.ts'
import { useCategories } from './secrets-api.ts'
import { SecretsTabs } from './secrets-tabs.tsx'
import { CERTAINTY_LABELS } from './secrets-words.ts'
import './feed.css'

/** Filters live in the query string: a filtered feed can be bookmarked and shared. */
const useFeedFilters = () => {
  const [params, setParams] = useSearchParams()
  const tier = params.get('tier')
  const filters: FeedFilters = {
    tier: (TIER_OPTIONS as string[]).includes(tier ?? '') ? (tier as Tier) : null,
    category: params.get('category') || null,
    recordedBy: params.get('by') || null,
  }
  const update = (changes: Partial<Record<'tier' | 'category' | 'by', string | null>>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev)
      for (const [k, v] of Object.entries(changes)) {
        if (v) next.set(k, v)
        else next.delete(k)
      }
      return next
    })
  return { filters, update }
}

/** The live feed: new secrets reach service and marketing as they are recorded, not in a periodic report. */
export function SecretsPage() {
  const { filters, update } = useFeedFilters()
  const feed = useLiveFeed(filters)
  const filtered = !!(filters.tier || filters.category || filters.recordedBy)

  return (
    <>
      <PageHeader
        title="Secrets"
        icon={<IconLockHeart size={24} stroke={1.6} />}
        description="What each customer wants, covets and dreams of, the moment a colleague records it. Filter to the customers and categories you care about."
        actions={<ConnectionIndicator connection={feed.connection} onRetry={feed.retry} />}
      />
      <SecretsTabs />
      <FeedFilterBar filters={filters} update={update} />
      {feed.error && (
        <Alert
          color={feed.loaded ? 'yellow' : 'red'}
          icon={<IconAlertTriangle size={18} />}
          mb="md"
          title={feed.loaded ? 'The feed is not live' : 'The feed could not be loaded'}
        >
          <Group justify="space-between" gap="sm">
            <Text fz="sm">{feed.error}</Text>
            <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={feed.retry}>
              Retry
            </Button>
          </Group>
        </Alert>
      )}
      {!feed.loaded ? (
        feed.connection === 'offline' ? null : (
          <Stack gap="sm" role="status" aria-busy="true" aria-label="Loading the feed">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} h={112} radius="md" />
            ))}
          </Stack>
        )
      ) : feed.items.length === 0 ? (
        <EmptyFeed filtered={filtered} />
      ) : (
        <Stack gap="sm" component="section" aria-label="Feed of secrets">
          {feed.items.map((item) => (
            <FeedCard key={item.id} item={item} fresh={feed.fresh.has(item.id)} />
          ))}
          <Group justify="center" mt="sm">
            {feed.nextBefore ? (
              <Button variant="default" loading={feed.loadingOlder} onClick={feed.loadOlder}>
                Load older
              </Button>
            ) : (
              <Text fz="sm" c="dimmed">
                {filtered ? 'That is everything that matches.' : 'That is the whole feed.'}
              </Text>
            )}
          </Group>
        </Stack>
      )}
    </>
  )
}

const CONNECTION_LABELS: Record<FeedConnection, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
}
const CONNECTION_HELP: Record<FeedConnection, string> = {
  connecting: 'Opening the live feed',
  live: 'New secrets appear here as they are recorded',
  reconnecting: 'The connection dropped; resuming where it left off, nothing is missed',
  offline: 'Not receiving new secrets',
}

function ConnectionIndicator({ connection, onRetry }: { connection: FeedConnection; onRetry: () => void }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Badge
        variant="default"
        size="lg"
        radius="xl"
        role="status"
        aria-live="polite"
        title={CONNECTION_HELP[connection]}
        leftSection={<span className="dz-feed-dot" data-state={connection} aria-hidden />}
        styles={{ label: { textTransform: 'none', fontWeight: 600 } }}
      >
        {CONNECTION_LABELS[connection]}
      </Badge>
      {connection === 'offline' && (
        <Button size="xs" variant="light" onClick={onRetry}>
          Reconnect
        </Button>
      )}
    </Group>
  )
}

function FeedFilterBar({
  filters,
  update,
}: {
  filters: FeedFilters
  update: ReturnType<typeof useFeedFilters>['update']
}) {
  const categories = useCategories()
  const members = useMembers()
  const categoryOptions = [
    { value: '', label: 'All categories' },
    ...(categories.data?.categories ?? []).map((c) => ({ value: c.key, label: c.label })),
  ]
  if (filters.category && !categoryOptions.some((o) => o.value === filters.category)) {
    categoryOptions.push({ value: filters.category, label: filters.category })
  }
  const memberOptions = [
    { value: '', label: 'Everyone' },
    ...(members.data ?? []).map((m) => ({ value: m.userId, label: m.name || m.email })),
  ]
  if (filters.recordedBy && !memberOptions.some((o) => o.value === filters.recordedBy)) {
    memberOptions.push({ value: filters.recordedBy, label: 'A former colleague' })
  }
  const any = !!(filters.tier || filters.category || filters.recordedBy)
  return (
    <Group gap="sm" align="flex-end" mb="md" wrap="wrap">
      <TierFilter value={filters.tier} onChange={(tier) => update({ tier })} />
      <FilterSelect
        label="Category"
        data={categoryOptions}
        value={filters.category}
        onChange={(category) => update({ category })}
        w={{ base: 'calc(50% - 6px)', xs: 220 }}
      />
      <FilterSelect
        label="Recorded by"
        data={memberOptions}
        value={filters.recordedBy}
        onChange={(by) => update({ by })}
        w={{ base: any ? 'calc(60% - 6px)' : '100%', xs: 200 }}
      />
      {any && (
        <Button
          variant="subtle"
          color="gray"
          px="xs"
          onClick={() => update({ tier: null, category: null, by: null })}
        >
          Clear filters
        </Button>
      )}
    </Group>
  )
}

/** "just now" moves on by itself */
const useNow = (everyMs = 30_000) => {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs)
    return () => clearInterval(t)
  }, [everyMs])
  return now
}

function FeedCard({ item, fresh }: { item: FeedItem; fresh: boolean }) {
  const { slug } = useWorkspace()
  const now = useNow()
  return (
    <Card
      component="article"
      className="dz-feed-item"
      data-fresh={fresh || undefined}
      padding="md"
      aria-label={`${item.categoryLabel} about ${item.customer.name}`}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Group gap={8} wrap="wrap" style={{ minWidth: 0 }}>
          <Anchor
            component={Link}
            to={`/w/${slug}/customers/${encodeURIComponent(item.customer.id)}`}
            fw={600}
            style={{ overflowWrap: 'anywhere' }}
          >
            {item.customer.name}
          </Anchor>
          <TierBadge tier={item.customer.tier} size="sm" />
          {item.personName && (
            <Text fz="sm" c="dimmed" component="span" style={{ overflowWrap: 'anywhere' }}>
              · {item.personName}
            </Text>
          )}
        </Group>
        {/* on a phone the time moves to the last line, leaving the name and tier the width */}
        <RecordedAt iso={item.recordedAt} now={now} visibleFrom="xs" />
      </Group>
      {/* what was heard, as text: React escapes it, nothing in it is ever markup */}
      <Text mt={6} className="dz-feed-text">
        {item.text}
      </Text>
      <Group gap={6} mt="sm" wrap="wrap">
        <Badge variant="light" color={item.layer === 'need' ? 'gray' : 'violet'} radius="sm">
          {item.categoryLabel}
        </Badge>
        {item.layer === 'need' && (
          <Badge variant="outline" color="gray" radius="sm">
            Need
          </Badge>
        )}
        {item.certainty !== 'heard' && (
          <Badge variant="outline" color="gray" radius="sm">
            {CERTAINTY_LABELS[item.certainty]}
          </Badge>
        )}
        {item.status === 'outdated' && (
          <Badge variant="filled" color="gray" radius="sm">
            Outdated
          </Badge>
        )}
        <Text fz="xs" c="dimmed">
          Recorded by {item.recordedByName ?? 'a former colleague'}
        </Text>
        <RecordedAt iso={item.recordedAt} now={now} hiddenFrom="xs" />
      </Group>
    </Card>
  )
}

function RecordedAt({
  iso,
  now,
  ...visibility
}: { iso: string; now: number } & Pick<TextProps, 'visibleFrom' | 'hiddenFrom'>) {
  return (
    <Text
      fz="xs"
      c="dimmed"
      component="time"
      dateTime={iso}
      title={formatDateTime(iso)}
      style={{ whiteSpace: 'nowrap' }}
      {...visibility}
    >
      {fromNow(iso, now)}
    </Text>
  )
}

function EmptyFeed({ filtered }: { filtered: boolean }) {
  return (
    <EmptyCard
      icon={<IconBroadcast size={28} />}
      title={filtered ? 'Nothing matches these filters yet' : 'No secrets recorded yet'}
      description={
        filtered
          ? 'Secrets that match appear here the moment they are recorded. Widen the filters to see more.'
          : 'When your secret agents record what they hear, each secret appears here the moment it is captured, with who heard it and when.'
      }
      color="violet"
      size="lg"
    />
  )
}
