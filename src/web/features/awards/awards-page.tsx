import {
  Anchor,
  Badge,
  Blockquote,
  Button,
  Card,
  Group,
  Loader,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { IconAward, IconCrown, IconLockHeart, IconSparkles, IconTrophy } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { periodLabel } from '../../../domain/awards/award.ts'
import { decideAwardInputSchema, nominationInputSchema } from '../../../schemas/awards.schemas.ts'
import { notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { BackLink } from '../../ui/back-link.tsx'
import { formatDate } from '../../ui/format.ts'
import { MutationFormModal } from '../../ui/mutation-form-modal.tsx'
import { Notice } from '../../ui/notice.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { AWARD_INTRO, figureLines, recentMonths, recentYears } from './award-words.ts'
import {
  type Award,
  type AwardKind,
  type Candidate,
  useAwards,
  useCandidates,
  useDecideAward,
  useNominate,
  useRecentSecrets,
} from './awards-api.ts'

const useIsLeader = () => {
  const { role } = useWorkspace()
  return role === 'leader' || role === 'admin'
}

/** The Awards page: this month's nominations, the computed candidates of each award, the history. */
export function AwardsPage() {
  const list = useAwards()
  const [nominating, setNominating] = useState(false)
  const current = list.data?.current
  return (
    <>
      <PageHeader
        icon={<IconAward size={24} />}
        title="Awards"
        description="Recognition, posted for all: the secret agent of the month, recovery heroes and recovery addicts, and the secrets manual of the year."
        actions={
          <Button leftSection={<IconSparkles size={16} />} onClick={() => setNominating(true)}>
            Nominate a secret
          </Button>
        }
      />
      {nominating && <NominateModal onClose={() => setNominating(false)} />}
      {!current ? (
        <Loader />
      ) : (
        <Stack gap="xl">
          <HistoryCard awards={list.data?.awards ?? []} />
          <CandidatesCard kind="secret_agent" periods={recentMonths(current.month)} />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
            <CandidatesCard kind="recovery_hero" periods={recentMonths(current.month)} />
            <CandidatesCard kind="recovery_addict" periods={recentMonths(current.month)} />
          </SimpleGrid>
          <CandidatesCard kind="secrets_manual" periods={recentYears(current.year)} />
        </Stack>
      )}
    </>
  )
}

/** One person's awards: what their profile shows of recognition. */
export function PersonAwardsPage() {
  const { userId = '' } = useParams()
  const { slug } = useWorkspace()
  const list = useAwards(userId)
  const awards = list.data?.awards ?? []
  const name = awards[0]?.winner.name
  return (
    <>
      <BackLink to={`/w/${slug}/awards`}>Awards</BackLink>
      <PageHeader
        icon={<IconTrophy size={24} />}
        title={name ? `${name}’s awards` : 'Awards'}
        description="Every award this person has won, with the reason it was given."
      />
      {list.error ? (
        <Notice tone="error" title="No such person">
          This person is not a member of this workspace.
        </Notice>
      ) : list.isLoading ? (
        <Loader />
      ) : (
        <HistoryCard awards={awards} empty="No awards yet." />
      )}
    </>
  )
}

function CandidatesCard({ kind, periods }: { kind: AwardKind; periods: { value: string; label: string }[] }) {
  const [period, setPeriod] = useState(periods[0]?.value ?? '')
  const [all, setAll] = useState(false)
  const q = useCandidates(kind, period)
  const candidates = q.data?.candidates ?? []
  const shown = all ? candidates : candidates.slice(0, TOP)
  const intro = AWARD_INTRO[kind]
  const decided = q.data?.decided ?? null
  const first = periods[0]?.value
  return (
    <Card withBorder padding="lg" component="section" aria-label={intro.title}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <Stack gap={2} style={{ flex: '1 1 240px' }}>
          <Title order={2} fz="lg">
            {intro.title}
          </Title>
          <Text fz="sm" c="dimmed">
            {intro.description}
          </Text>
        </Stack>
        <NativeSelect
          aria-label={`${intro.title}: period`}
          data={periods}
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value)}
          w={{ base: '100%', xs: 180 }}
        />
      </Group>
      {decided && <Winner award={decided} />}
      {q.isLoading ? (
        <Loader size="sm" />
      ) : q.error ? (
        <Notice tone="error" title="The candidates could not be read">
          Try again in a moment.
        </Notice>
      ) : (q.data?.candidates.length ?? 0) === 0 ? (
        <Text c="dimmed" fz="sm">
          {kind === 'secret_agent'
            ? period === first
              ? 'Nominations are open: no secret nominated yet this month. Be the first — “Nominate a secret”.'
              : 'No secret was nominated that month.'
            : 'No candidates for this period yet.'}
        </Text>
      ) : (
        <Stack gap="sm">
          {kind === 'secret_agent' && !decided && period === first && (
            <Badge variant="light" color="teal" w="fit-content">
              Nominations open for {periodLabel(period)}
            </Badge>
          )}
          {shown.map((c) => (
            <CandidateRow
              key={`${c.rank}-${c.winner.userId}-${c.secret?.id ?? c.customer?.id ?? ''}`}
              kind={kind}
              period={period}
              candidate={c}
              decided={!!decided}
            />
          ))}
          {candidates.length > TOP && (
            <Button variant="subtle" onClick={() => setAll(!all)} w="fit-content">
              {all ? `Show the top ${TOP}` : `Show all ${candidates.length} candidates`}
            </Button>
          )}
        </Stack>
      )}
    </Card>
  )
}

/** The first few candidates by rank; the rest on request. */
const TOP = 5

function Winner({ award }: { award: Award }) {
  const { slug } = useWorkspace()
  return (
    <Paper withBorder p="md" mb="md" bg="var(--mantine-color-yellow-light)" aria-label="Winner">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <IconCrown size={22} color="var(--mantine-color-yellow-7)" style={{ flexShrink: 0 }} />
        <Stack gap={4}>
          <Text fw={700}>
            <Anchor component={Link} to={`/w/${slug}/awards/people/${award.winner.userId}`} inherit>
              {award.winner.name}
            </Anchor>{' '}
            — {award.kindLabel}, {award.periodLabel}
          </Text>
          <AwardSubject award={award} />
          <Text fz="sm">{award.reason}</Text>
        </Stack>
      </Group>
    </Paper>
  )
}

function SecretText({ text }: { text: string | null }) {
  return text === null ? (
    <Text fz="sm" c="dimmed" fs="italic">
      The secret’s words are for roles that may read secrets.
    </Text>
  ) : (
    <Blockquote p="xs" pl="md" icon={null} color="violet" fz="sm">
      {text}
    </Blockquote>
  )
}

function AwardSubject({ award }: { award: Award }) {
  if (award.secret)
    return (
      <>
        <Text fz="xs" c="dimmed">
          A secret about {award.secret.customerName}
        </Text>
        <SecretText text={award.secret.text} />
      </>
    )
  if (award.customer)
    return (
      <Text fz="sm" c="dimmed">
        The secrets manual of {award.customer.name}
      </Text>
    )
  return null
}

function CandidateRow({
  kind,
  period,
  candidate: c,
  decided,
}: {
  kind: AwardKind
  period: string
  candidate: Candidate
  decided: boolean
}) {
  const leader = useIsLeader()
  const [deciding, setDeciding] = useState(false)
  return (
    <Paper withBorder p="sm" aria-label={`Candidate ${c.rank}: ${c.winner.name}`}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Group gap="xs">
            <Badge variant="light" color={c.rank === 1 ? 'yellow' : 'gray'} circle>
              {c.rank}
            </Badge>
            <Text fw={600}>{c.winner.name}</Text>
            {c.customer && kind === 'secrets_manual' && (
              <Text fz="sm" c="dimmed">
                keeps {c.customer.name}
              </Text>
            )}
            {c.secret && (
              <Text fz="sm" c="dimmed">
                recorded a secret about {c.secret.customerName}
              </Text>
            )}
          </Group>
          {c.secret && <SecretText text={c.secret.text} />}
          {c.nominations.length > 0 && (
            <Stack gap={2}>
              {c.nominations.map((n) => (
                <Text key={`${n.by.userId}-${n.at}`} fz="sm">
                  <Text span fw={600} fz="sm">
                    {n.by.name}:
                  </Text>{' '}
                  “{n.reason}”
                </Text>
              ))}
            </Stack>
          )}
          <Group gap={6} mt={4}>
            {figureLines(c.figures).map((f) => (
              <Badge key={f.key} variant="outline" color="gray" tt="none" fw={500}>
                {f.label}: {f.value}
              </Badge>
            ))}
          </Group>
        </Stack>
        {leader && !decided && (
          <Button
            variant="light"
            leftSection={<IconTrophy size={16} />}
            onClick={() => setDeciding(true)}
            w={{ base: '100%', xs: 'auto' }}
          >
            {kind === 'secret_agent' ? 'Make secret agent' : 'Confirm the award'}
          </Button>
        )}
      </Group>
      {deciding && (
        <DecideModal kind={kind} period={period} candidate={c} onClose={() => setDeciding(false)} />
      )}
    </Paper>
  )
}

function DecideModal({
  kind,
  period,
  candidate: c,
  onClose,
}: {
  kind: AwardKind
  period: string
  candidate: Candidate
  onClose: () => void
}) {
  const decide = useDecideAward()
  const subject =
    kind === 'secret_agent'
      ? { secretId: c.secret?.id }
      : kind === 'secrets_manual'
        ? { customerId: c.customer?.id }
        : { userId: c.winner.userId }
  const toInput = (v: { reason: string }) => ({
    kind,
    period,
    ...subject,
    reason: v.reason.trim() || undefined,
  })
  const form = useSchemaForm(
    decideAwardInputSchema,
    { reason: kind === 'secret_agent' ? '' : c.summary },
    { toInput },
  )
  const label = `${AWARD_INTRO[kind].title}, ${periodLabel(period)}`
  return (
    <MutationFormModal
      title={`${c.winner.name}: ${label}`}
      form={form}
      mutation={decide}
      toInput={toInput}
      submitLabel="Post the award"
      submitIcon={<IconTrophy size={16} />}
      errorTitle="The award was not posted"
      onSaved={() => notifySuccess(`${c.winner.name} is ${label.toLowerCase()}.`, 'Award posted')}
      onClose={onClose}
    >
      <Text fz="sm">
        Posted for everyone on the Awards page; {c.winner.name} hears it on the bell. Each period has one
        winner, and it stays.
      </Text>
      <Textarea
        label="Why they win"
        description="Shown with the award. Left empty, the figures say it."
        autosize
        minRows={2}
        maxLength={500}
        {...form.getInputProps('reason')}
      />
    </MutationFormModal>
  )
}

function NominateModal({ onClose }: { onClose: () => void }) {
  const { me } = useWorkspace()
  const secrets = useRecentSecrets(true)
  const nominate = useNominate()
  const form = useSchemaForm(nominationInputSchema, { secretId: '', reason: '' })
  // your own secrets are not yours to nominate: the award is colleagues' recognition
  const options = (secrets.data?.items ?? [])
    .filter((s) => s.recordedBy !== me.user.id && s.status === 'active')
    .map((s) => ({
      value: s.id,
      label: `${s.customer.name}: ${s.text}${s.recordedByName ? ` (${s.recordedByName})` : ''}`,
    }))
  return (
    <MutationFormModal
      title="Nominate a secret for secret agent of the month"
      form={form}
      mutation={nominate}
      toInput={(v) => ({ secretId: v.secretId, reason: v.reason.trim() })}
      submitLabel="Nominate"
      submitIcon={<IconSparkles size={16} />}
      errorTitle="The nomination was not made"
      onSaved={() => notifySuccess('Your nomination is in. A leader picks the winner.', 'Nominated')}
      onClose={onClose}
    >
      <Select
        label="The secret"
        description="A colleague’s secret from the latest recorded; type to search."
        placeholder={secrets.isLoading ? 'Loading…' : 'Choose a secret'}
        data={options}
        searchable
        nothingFoundMessage="No colleague’s secret matches"
        leftSection={<IconLockHeart size={16} />}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps('secretId')}
      />
      <Textarea
        label="Why is it cool?"
        autosize
        minRows={2}
        maxLength={500}
        {...form.getInputProps('reason')}
      />
    </MutationFormModal>
  )
}

function HistoryCard({ awards, empty = 'No awards decided yet.' }: { awards: Award[]; empty?: string }) {
  const { slug } = useWorkspace()
  return (
    <Card withBorder padding="lg" component="section" aria-label="Hall of fame">
      <Title order={2} fz="lg" mb="sm">
        Hall of fame
      </Title>
      {awards.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {empty}
        </Text>
      ) : (
        <Stack gap="sm">
          {awards.map((a) => (
            <Paper key={a.id} withBorder p="sm" aria-label={`${a.kindLabel}, ${a.periodLabel}`}>
              <Group gap="xs" mb={4}>
                <Badge variant="light">{a.kindLabel}</Badge>
                <Text fz="sm" c="dimmed">
                  {a.periodLabel}
                </Text>
              </Group>
              <Text fw={600}>
                <Anchor component={Link} to={`/w/${slug}/awards/people/${a.winner.userId}`} inherit>
                  {a.winner.name}
                </Anchor>
              </Text>
              <AwardSubject award={a} />
              <Text fz="sm">{a.reason}</Text>
              <Text fz="xs" c="dimmed" mt={4}>
                Decided {a.decidedBy ? `by ${a.decidedBy.name} ` : ''}on {formatDate(String(a.decidedAt))}
              </Text>
            </Paper>
          ))}
        </Stack>
      )}
    </Card>
  )
}
