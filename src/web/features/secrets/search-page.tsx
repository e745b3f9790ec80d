import {
  Anchor,
  Badge,
  Button,
  Card,
  Chip,
  EmptyState,
  Group,
  Input,
  Loader,
  Mark,
  MultiSelect,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core'
import {
  IconArrowLeft,
  IconArrowRight,
  IconDeviceFloppy,
  IconSearch,
  IconZoomQuestion,
} from '@tabler/icons-react'
import { type FormEvent, Fragment, useEffect, useState } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import { segments } from '../../../domain/secrets/search-query.ts'
import { audienceInputSchema, SEARCH_LIMITS } from '../../../schemas/search.schemas.ts'
import { ApiError } from '../../app/api.ts'
import { FormError } from '../../app/form-error.tsx'
import { formatCount, formatDate } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { ErrorPanel } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { FormModal } from '../../ui/form-modal.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { TierBadge } from '../customers/customer-words.tsx'
import {
  SEARCH_PAGE_SIZE,
  type SearchCustomer,
  type SearchHit,
  type SearchSort,
  type SearchState,
  searchable,
  searchFromParams,
  searchToParams,
  useSaveAudience,
  useSecretSearch,
  useSegments,
} from './search-api.ts'
import { useCategories } from './secrets-api.ts'
import { SecretsTabs } from './secrets-tabs.tsx'

/** Roles that may save and export audiences (the API refuses the others). */
export const AUDIENCE_ROLES = ['admin', 'leader', 'marketing'] as const

const EXAMPLES = ['wine', 'sailing', 'pinot noire', 'golf OR tennis', 'dogs -cats']

/** The search lives in the address fragment (#q=wine&tier=A): bookmarkable, never sent to the server. */
const useSearchState = () => {
  const location = useLocation()
  const navigate = useNavigate()
  const params = new URLSearchParams(location.hash.replace(/^#/, ''))
  const state = searchFromParams(params)
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1)
  const sort: SearchSort = params.get('sort') === 'value' ? 'value' : 'relevance'
  const go = (next: SearchState, nextPage = 1, replace = false, nextSort: SearchSort = sort) => {
    const p = searchToParams(next)
    if (nextPage > 1) p.set('page', String(nextPage))
    if (nextSort === 'value') p.set('sort', 'value')
    navigate({ pathname: location.pathname, hash: p.toString() }, { replace })
  }
  return { state, page, sort, go }
}

/** Which part of the form an API refusal is about: the words, or something else. */
const refusalOf = (e: ApiError | null) => {
  if (!e) return null
  const field = e.details?.field
  const issues = e.details?.issues as { path?: string }[] | undefined
  return field === 'q' || issues?.some((i) => i.path === 'body.q') ? 'q' : 'other'
}

export function SearchPage() {
  const { role } = useWorkspace()
  const { state, page, sort, go } = useSearchState()
  const [draft, setDraft] = useState(state.q)
  const [saving, setSaving] = useState(false)
  const result = useSecretSearch(state, page, sort)
  const categories = useCategories()
  const segmentList = useSegments()

  // back and forward change the address: the box follows
  useEffect(() => setDraft(state.q), [state.q])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    go({ ...state, q: draft })
  }
  const set = (change: Partial<SearchState>) => go({ ...state, ...change })
  const mayManage = (AUDIENCE_ROLES as readonly string[]).includes(role)
  const refusal = result.error instanceof ApiError && result.error.status < 500 ? result.error : null

  return (
    <>
      <PageHeader
        title="Search secrets"
        icon={<IconSearch size={24} stroke={1.6} />}
        description="Find every customer with a given secret: by their words, by what the words mean (“wine” finds a red Burgundy) and despite a typo. Every search is recorded in the audit trail."
      />
      <SecretsTabs />
      <Card p="lg" mb="lg">
        <form onSubmit={submit} aria-label="Search secrets">
          <Stack gap="md">
            <Group gap="sm" align="flex-end" wrap="wrap">
              <TextInput
                label="What are you looking for?"
                placeholder="e.g. wine, sailing, “pinot noir”"
                description="Quotes for a phrase, OR for either, -word to leave a word out."
                leftSection={<IconSearch size={16} />}
                value={draft}
                onChange={(e) => setDraft(e.currentTarget.value)}
                maxLength={SEARCH_LIMITS.maxQueryLength}
                type="search"
                style={{ flex: '1 1 280px' }}
                error={refusalOf(refusal) === 'q' ? refusal?.message : undefined}
                data-autofocus
              />
              <Button type="submit" leftSection={<IconSearch size={16} />}>
                Search
              </Button>
            </Group>
            <Group gap="md" align="flex-end" wrap="wrap">
              <MultiSelect
                label="Categories"
                placeholder={state.categories.length ? undefined : 'All categories'}
                data={(categories.data?.categories ?? []).map((c) => ({ value: c.key, label: c.label }))}
                value={state.categories}
                onChange={(v) => set({ categories: v })}
                searchable
                clearable
                style={{ flex: '1 1 220px' }}
                maw={{ sm: 360 }}
              />
              <MultiSelect
                label="Segments"
                placeholder={state.segments.length ? undefined : 'All segments'}
                data={[...new Set([...(segmentList.data ?? []), ...state.segments])]}
                value={state.segments}
                onChange={(v) => set({ segments: v })}
                searchable
                clearable
                style={{ flex: '1 1 200px' }}
                maw={{ sm: 300 }}
              />
              <Input.Wrapper label="Tiers" labelElement="div" labelProps={{ id: 'tier-filter-label' }}>
                <Chip.Group
                  multiple
                  value={state.tiers}
                  onChange={(v) => set({ tiers: v as SearchState['tiers'] })}
                >
                  <Group gap={6} h={36} role="group" aria-labelledby="tier-filter-label">
                    {(['A', 'B', 'C'] as const).map((t) => (
                      <Chip key={t} value={t} size="sm" variant="outline">
                        Tier {t}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
              </Input.Wrapper>
              <Input.Wrapper label="Layer" labelElement="div" labelProps={{ id: 'layer-filter-label' }}>
                <Group h={36} align="center">
                  <SegmentedControl
                    aria-labelledby="layer-filter-label"
                    size="sm"
                    value={state.layer ?? 'all'}
                    onChange={(v) => set({ layer: v === 'all' ? null : (v as 'need' | 'secret') })}
                    data={[
                      { value: 'all', label: 'Both' },
                      { value: 'secret', label: 'Secrets' },
                      { value: 'need', label: 'Needs' },
                    ]}
                  />
                </Group>
              </Input.Wrapper>
            </Group>
          </Stack>
        </form>
      </Card>

      {!searchable(state) ? (
        <Examples onPick={(q) => go({ ...state, q })} />
      ) : result.isError && !refusal ? (
        <ErrorPanel error={result.error} onRetry={() => result.refetch()} />
      ) : refusal ? (
        refusalOf(refusal) === 'q' ? null : (
          <FormError error={refusal} />
        )
      ) : (
        <Results
          state={state}
          page={page}
          result={result}
          onPage={(p) => {
            go(state, p)
            window.scrollTo({ top: 0 })
          }}
          onSave={mayManage ? () => setSaving(true) : null}
          sort={sort}
          onSort={(next) => go(state, 1, true, next)}
        />
      )}
      <SaveAudienceModal opened={saving} onClose={() => setSaving(false)} state={state} />
    </>
  )
}

function Examples({ onPick }: { onPick: (q: string) => void }) {
  return (
    <Card p={{ base: 'lg', sm: 32 }}>
      <EmptyState
        icon={<IconZoomQuestion size={26} />}
        title="Who loves Pinot Noir?"
        description="Type what a customer wants, loves, fears or dreams of, or choose a category. Results are grouped by customer, the ones whose own words match first, the most valuable first."
        variant="light"
      >
        <Group gap="xs" justify="center">
          {EXAMPLES.map((q) => (
            <Button key={q} variant="light" size="xs" onClick={() => onPick(q)}>
              {q}
            </Button>
          ))}
        </Group>
      </EmptyState>
    </Card>
  )
}

function Results({
  state,
  page,
  result,
  onPage,
  onSave,
  sort,
  onSort,
}: {
  state: SearchState
  page: number
  result: ReturnType<typeof useSecretSearch>
  onPage: (p: number) => void
  onSave: (() => void) | null
  sort: SearchSort
  onSort: (s: SearchSort) => void
}) {
  const data = result.data
  const pages = data?.totalExact ? Math.max(1, Math.ceil(data.total / SEARCH_PAGE_SIZE)) : null
  const status = !data
    ? 'Searching…'
    : data.total === 0
      ? 'No customer’s secrets match'
      : `${formatCount(data.total)}${data.totalExact ? '' : '+'} ${data.total === 1 ? 'customer' : 'customers'}${
          pages && pages > 1 ? `, page ${page} of ${pages}` : !data.totalExact ? `, page ${page}` : ''
        }`
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Text fz="sm" c="dimmed" role="status">
            {status}
          </Text>
          {result.isFetching && data && <Loader size="xs" aria-label="Updating" />}
        </Group>
        <Group gap="xs">
          {data && data.total > 1 && (
            <SegmentedControl
              size="xs"
              aria-label="Order"
              value={sort}
              onChange={(v) => onSort(v as SearchSort)}
              data={[
                { value: 'relevance', label: 'Best match' },
                { value: 'value', label: 'Most valuable' },
              ]}
            />
          )}
          {onSave && data && data.total > 0 && (
            <Button variant="light" leftSection={<IconDeviceFloppy size={16} />} onClick={onSave}>
              Save as audience
            </Button>
          )}
        </Group>
      </Group>
      {data && data.corrections.length > 0 && (
        <Text fz="sm" role="note">
          {data.corrections.map((c, i) => (
            <Fragment key={c.word}>
              {i > 0 && ' '}
              Read “{c.word}” as {c.nearest.map((n) => `“${n}”`).join(' or ')}.
            </Fragment>
          ))}
        </Text>
      )}
      {!data ? (
        Array.from({ length: 3 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders
          <Skeleton key={i} h={120} radius="md" />
        ))
      ) : data.customers.length === 0 ? (
        <Card p="xl">
          <EmptyState
            icon={<IconZoomQuestion size={26} />}
            title="Nothing found"
            description={
              state.tiers.length || state.segments.length || state.categories.length || state.layer
                ? 'No secret matches these words and filters. Try fewer filters, or other words for the same thing.'
                : 'No secret says or means this yet. Try other words for the same thing.'
            }
            variant="light"
          />
        </Card>
      ) : (
        <Stack gap="sm" style={{ opacity: result.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}>
          {data.customers.map((c) => (
            <CustomerResult key={c.id} c={c} />
          ))}
        </Stack>
      )}
      {data && (page > 1 || data.hasMore) && (
        <Group justify="center" gap="sm">
          <Button
            variant="default"
            leftSection={<IconArrowLeft size={16} />}
            disabled={page <= 1}
            onClick={() => onPage(page - 1)}
          >
            Previous
          </Button>
          <Text fz="sm" c="dimmed">
            Page {page}
          </Text>
          <Button
            variant="default"
            rightSection={<IconArrowRight size={16} />}
            disabled={!data.hasMore}
            onClick={() => onPage(page + 1)}
          >
            Next
          </Button>
        </Group>
      )}
    </Stack>
  )
}

const MATCH_WORDS: Record<SearchHit['matchedBy'], string> = {
  words: 'Its words',
  meaning: 'By meaning',
  spelling: 'Near spelling',
}
const MATCH_COLORS: Record<SearchHit['matchedBy'], string> = {
  words: 'teal',
  meaning: 'violet',
  spelling: 'orange',
}

function CustomerResult({ c }: { c: SearchCustomer }) {
  const { slug } = useWorkspace()
  const to = `/w/${slug}/customers/${encodeURIComponent(c.id)}`
  const more = c.matchCount - c.secrets.length
  return (
    <Card p="md" component="article" aria-label={c.name}>
      <Group justify="space-between" align="flex-start" gap="xs" mb={6} wrap="wrap">
        <Group gap={8} wrap="wrap">
          <Anchor component={Link} to={to} fw={700} fz="lg">
            {c.name}
          </Anchor>
          <TierBadge tier={c.tier} long />
          {c.segment && (
            <Badge variant="light" color="gray" component="span">
              {c.segment}
            </Badge>
          )}
        </Group>
        <Text fz="sm" c="dimmed">
          {c.matchCount === 1 ? '1 matching secret' : `${formatCount(c.matchCount)} matching secrets`}
        </Text>
      </Group>
      {(c.people.length > 0 || c.ownerName) && (
        <Text fz="sm" c="dimmed" mb="xs">
          {c.people.length > 0 && <>People: {c.people.join(', ')}</>}
          {c.people.length > 0 && c.ownerName && ' · '}
          {c.ownerName && <>Owner: {c.ownerName}</>}
        </Text>
      )}
      <Stack gap="xs">
        {c.secrets.map((s) => (
          <HitRow key={s.id} s={s} />
        ))}
      </Stack>
      {more > 0 && (
        <Anchor component={Link} to={to} fz="sm" mt="xs" display="inline-block">
          and {more} more on the customer page
        </Anchor>
      )}
    </Card>
  )
}

function HitRow({ s }: { s: SearchHit }) {
  return (
    <div
      style={{
        borderLeft: `3px solid var(--mantine-color-${MATCH_COLORS[s.matchedBy]}-5)`,
        paddingLeft: 'var(--mantine-spacing-sm)',
      }}
    >
      <Text style={{ overflowWrap: 'anywhere' }}>
        <Highlighted text={s.text} ranges={s.highlights} />
      </Text>
      <Group gap={6} mt={4} wrap="wrap">
        <Badge size="sm" variant="light" component="span">
          {s.categoryLabel}
        </Badge>
        {s.layer === 'need' && (
          <Badge size="sm" variant="outline" color="gray" component="span">
            Need
          </Badge>
        )}
        <Badge size="sm" variant="dot" color={MATCH_COLORS[s.matchedBy]} component="span">
          {MATCH_WORDS[s.matchedBy]}
        </Badge>
        {s.because.length > 0 && (
          <Text fz="xs" c="dimmed" component="span">
            {meanings(s.because)}
          </Text>
        )}
        <Text fz="xs" c="dimmed" component="span">
          {s.personName ? `${s.personName} · ` : ''}recorded {formatDate(s.recordedAt)}
        </Text>
      </Group>
    </div>
  )
}

/** “songs” means musical, music; “band” means musical */
const meanings = (because: SearchHit['because']) => {
  const byWord = new Map<string, string[]>()
  for (const b of because) byWord.set(b.word, [...(byWord.get(b.word) ?? []), b.concept])
  return [...byWord]
    .map(([word, concepts]) => {
      // the word names the interest itself: the search was read as that interest ("pinot noir" → wine)
      const others = concepts.filter((c) => c.toLowerCase() !== word.toLowerCase())
      return others.length === 0 ? `about ${concepts.join(', ')}` : `“${word}” means ${others.join(', ')}`
    })
    .join('; ')
}

/** The text with its matching words marked, rendered as text: markup in a secret stays inert. */
export function Highlighted({
  text,
  ranges,
}: {
  text: string
  ranges: readonly (readonly [number, number])[]
}) {
  return (
    <>
      {segments(text, ranges).map((p, i) =>
        p.hit ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one text, in order
          <Mark key={i} color="yellow">
            {p.text}
          </Mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one text, in order
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </>
  )
}

/** The audience's name alone: the search it keeps is the one on the page. */
const audienceNameSchema = audienceInputSchema.pick({ name: true })

function SaveAudienceModal({
  opened,
  onClose,
  state,
}: {
  opened: boolean
  onClose: () => void
  state: SearchState
}) {
  const { slug } = useWorkspace()
  const navigate = useNavigate()
  const save = useSaveAudience()
  const form = useSchemaForm(audienceNameSchema, { name: '' })
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset each time it opens, not as the search changes
  useEffect(() => {
    if (opened) {
      save.reset()
      form.setValues({ name: state.q.trim().replace(/"/g, '') })
      form.resetDirty()
      form.clearErrors()
    }
  }, [opened])
  return (
    <FormModal
      opened={opened}
      title="Save as audience"
      onClose={onClose}
      onSubmit={form.onSubmit((v) =>
        save.mutate(
          { name: v.name.trim(), ...state, q: state.q.trim() },
          {
            onSuccess: (a) => {
              onClose()
              notifySuccess(`“${a.name}” is saved. Export it as CSV from Audiences.`, 'Audience saved')
              navigate(`/w/${slug}/secrets/audiences`)
            },
          },
        ),
      )}
      submitLabel="Save audience"
      submitDisabled={!form.values.name.trim()}
      pending={save.isPending}
      error={save.error}
    >
      <Text fz="sm" c="dimmed">
        An audience keeps this search, not a list: each time it is opened or exported it finds the customers
        whose secrets match then.
      </Text>
      <TextInput
        label="Name"
        placeholder="e.g. Wine lovers"
        required
        data-autofocus
        {...form.getInputProps('name')}
      />
    </FormModal>
  )
}
