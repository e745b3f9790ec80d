import { Alert, Badge, Group, Progress, Skeleton, Stack, Text, Tooltip } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { formatDateTime, fromNow } from '../../app/format.ts'
import { RELATION_LABELS } from '../customers/customer-words.tsx'
import { useKnown } from './secrets-api.ts'
import type { Known } from './secrets-types.ts'
import { CERTAINTY_SHORT } from './secrets-words.ts'

const relationLabel = (kind: string) => (RELATION_LABELS as Record<string, string>)[kind] ?? kind

/**
 * "What secrets do we know about this customer?" at a glance, from the one fast endpoint. `compact`
 * is the peek of a list row or the recovery screen's side panel; the full form sits on the customer
 * page. Each read is audited, so it loads only when it is mounted.
 */
export function WhatWeKnow({ customerId, compact = false }: { customerId: string; compact?: boolean }) {
  const known = useKnown(customerId)
  if (known.isPending) {
    return (
      <Stack gap="xs" role="status" aria-busy="true" aria-label="Loading what we know">
        <Skeleton h={14} w="60%" />
        <Skeleton h={8} />
        <Skeleton h={compact ? 40 : 90} />
      </Stack>
    )
  }
  if (known.isError) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} p="xs">
        <Text fz="sm">What we know did not load. {known.error.message}</Text>
      </Alert>
    )
  }
  return <KnownView k={known.data} compact={compact} />
}

export function KnownView({ k, compact }: { k: Known; compact: boolean }) {
  const highlights = compact ? k.highlights.slice(0, 4) : k.highlights
  const empty = k.coverage.filter((c) => c.state === 'empty')
  const stale = k.coverage.filter((c) => c.state === 'stale')
  const known = k.coverage.filter((c) => c.state === 'known')
  const share = Math.round(k.coverageShare * 100)
  const family = k.family.map(
    (f) => `${f.name} (${relationLabel(f.kind).toLowerCase()}${f.of ? ` of ${f.of}` : ''})`,
  )

  return (
    <Stack gap={compact ? 8 : 'sm'} data-testid="what-we-know">
      <div>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <Text fz="sm" fw={600}>
            {k.activeCount === 0
              ? 'Nothing known yet'
              : `${k.activeCount} ${k.activeCount === 1 ? 'secret' : 'secrets'} known`}
          </Text>
          <Text fz="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {known.length} of {k.coverage.length} categories · {share} %
          </Text>
        </Group>
        <Progress.Root size={compact ? 6 : 8} mt={6} role="group" aria-label={`Coverage ${share} %`}>
          <Progress.Section
            value={(known.length / Math.max(1, k.coverage.length)) * 100}
            color="teal"
            aria-label="Known and fresh"
          />
          <Progress.Section
            value={(stale.length / Math.max(1, k.coverage.length)) * 100}
            color="yellow"
            aria-label="Stale, to confirm"
          />
        </Progress.Root>
      </div>

      {highlights.length > 0 ? (
        <Stack gap={compact ? 6 : 8} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {highlights.map((h) => (
            <li key={h.id}>
              <Group gap={6} wrap="nowrap">
                <Badge
                  size="xs"
                  variant="light"
                  color={h.layer === 'need' ? 'gray' : 'violet'}
                  style={{ flexShrink: 0 }}
                >
                  {h.categoryLabel}
                </Badge>
                {!compact && (
                  <Text fz="xs" c="dimmed" truncate="end">
                    {CERTAINTY_SHORT[h.certainty]}
                    {h.recordedByName ? ` · ${h.recordedByName}` : ''} ·{' '}
                    <Tooltip label={`Last confirmed ${formatDateTime(h.lastConfirmedAt)}`}>
                      <span>{fromNow(h.lastConfirmedAt)}</span>
                    </Tooltip>
                  </Text>
                )}
              </Group>
              <Text fz="sm" mt={2} lineClamp={compact ? 2 : 3} style={{ overflowWrap: 'anywhere' }}>
                {h.personName && (
                  <Text component="span" fz="sm" fw={600}>
                    {h.personName}:{' '}
                  </Text>
                )}
                {h.text}
              </Text>
            </li>
          ))}
          {compact && k.highlights.length > highlights.length && (
            <Text fz="xs" c="dimmed" component="li">
              and {k.highlights.length - highlights.length} more categories
            </Text>
          )}
        </Stack>
      ) : (
        <Text fz="sm" c="dimmed">
          No secret recorded yet: ask, listen, record.
        </Text>
      )}

      {(family.length > 0 || k.people.length > 0) && (
        <div>
          {k.people.length > 0 && (
            <Text fz="xs" lineClamp={compact ? 1 : undefined}>
              <Text component="span" fz="xs" c="dimmed">
                Key people:{' '}
              </Text>
              {k.people.map((p) => (p.title ? `${p.name} (${p.title})` : p.name)).join(', ')}
            </Text>
          )}
          {family.length > 0 && (
            <Text fz="xs" lineClamp={compact ? 2 : undefined}>
              <Text component="span" fz="xs" c="dimmed">
                Family:{' '}
              </Text>
              {family.join(', ')}
            </Text>
          )}
        </div>
      )}

      {(empty.length > 0 || stale.length > 0) && (
        <Text fz="xs" c="dimmed" lineClamp={compact ? 2 : undefined}>
          {empty.length > 0 && (
            <>
              Ask about:{' '}
              {empty
                .slice(0, compact ? 3 : 6)
                .map((c) => c.label)
                .join(', ')}
              {empty.length > (compact ? 3 : 6) ? ` +${empty.length - (compact ? 3 : 6)}` : ''}.{' '}
            </>
          )}
          {stale.length > 0 && <>Confirm: {stale.map((c) => c.label).join(', ')}.</>}
        </Text>
      )}
      {k.lastEngagementAt && (
        <Text fz="xs" c="dimmed">
          Last engagement {fromNow(k.lastEngagementAt)}
        </Text>
      )}
    </Stack>
  )
}
