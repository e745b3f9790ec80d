import { Anchor, Badge, Button, Card, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core'
import { IconLock, IconLockHeart, IconSpeakerphone, IconTrash } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import {
  maySpeakFor,
  REACTION_EMOJI,
  REACTION_KINDS,
  REACTION_LABELS,
  type ReactionKind,
} from '../../../domain/stories/story.ts'
import { formatDate, fromNow } from '../../app/format.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, PageState } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import type { ClockState } from '../recoveries/recovery-types.ts'
import { CLOCK_COLORS, CLOCK_LABELS } from '../recoveries/recovery-words.ts'
import { type Story, useDeleteStory, useReact, useStories } from './stories-api.ts'

/** `/w/:slug/stories`: the recovery stories the team has told, newest first, with their reactions. */
export function StoriesPage() {
  const stories = useStories()
  return (
    <>
      <PageHeader
        title="Stories"
        icon={<IconSpeakerphone size={24} />}
        description="How we put things right: each closed recovery’s story, told by its owner or a leader, for everyone to learn from and cheer on. A digest of the week’s new stories goes to the team every Monday."
      />
      <PageState
        query={stories}
        loading={
          <Stack gap="lg" aria-busy="true">
            <Skeleton h={220} />
            <Skeleton h={220} />
          </Stack>
        }
      >
        {(data) => {
          const all = data.pages.flatMap((p) => p.stories)
          if (all.length === 0) {
            return (
              <EmptyCard
                size="lg"
                icon={<IconSpeakerphone size={28} />}
                title="No stories yet"
                description="When a recovery is closed, its owner or a leader can write its story from the recovery’s screen."
              />
            )
          }
          return (
            <Stack gap="lg" maw={820}>
              {all.map((s) => (
                <StoryItem key={s.id} s={s} />
              ))}
              {stories.hasNextPage && (
                <Group justify="center">
                  <Button
                    variant="default"
                    loading={stories.isFetchingNextPage}
                    onClick={() => void stories.fetchNextPage()}
                  >
                    Older stories
                  </Button>
                </Group>
              )}
            </Stack>
          )
        }}
      </PageState>
    </>
  )
}

function StoryItem({ s }: { s: Story }) {
  const { slug, me, role } = useWorkspace()
  const [removing, setRemoving] = useState(false)
  const remove = useDeleteStory()
  const mayChange = s.author.id === me.user.id || maySpeakFor({ userId: me.user.id, role }, null)
  const outcome = s.outcome as ClockState | null
  // a link to one story (from its recovery's screen) scrolls to it once the feed is in
  useEffect(() => {
    if (window.location.hash === `#story-${s.id}`) document.getElementById(`story-${s.id}`)?.scrollIntoView()
  }, [s.id])
  return (
    <Card
      p={{ base: 'md', sm: 'lg' }}
      component="article"
      id={`story-${s.id}`}
      aria-labelledby={`story-title-${s.id}`}
    >
      <Stack gap="sm">
        <Group gap="xs" wrap="wrap">
          {outcome && (
            <Badge color={CLOCK_COLORS[outcome]} variant="light">
              {CLOCK_LABELS[outcome]}
            </Badge>
          )}
          <Text fz="sm" c="dimmed">
            {s.customer.id ? (
              <Anchor component={Link} to={`/w/${slug}/customers/${s.customer.id}`} inherit>
                {s.customer.shown}
              </Anchor>
            ) : (
              capitalise(s.customer.shown)
            )}
            {' · '}
            <Anchor component={Link} to={`/w/${slug}/recoveries/${s.oopsId}`} inherit>
              the recovery
            </Anchor>
          </Text>
        </Group>
        <Title
          order={2}
          fz={{ base: 19, sm: 22 }}
          id={`story-title-${s.id}`}
          style={{ overflowWrap: 'anywhere' }}
        >
          {s.title}
        </Title>
        <Text fz="sm" c="dimmed">
          Told by {s.author.name ?? 'a former member'} ·{' '}
          <time dateTime={s.publishedAt}>{formatDate(s.publishedAt)}</time>
          {s.editedAt ? ` · edited ${fromNow(s.editedAt)}` : ''}
        </Text>
        <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} lh={1.6}>
          {s.body}
        </Text>
        {s.secretNote ? (
          <Paper
            withBorder
            p="sm"
            bg="var(--mantine-color-violet-light)"
            style={{ borderColor: 'var(--mantine-color-violet-light-hover)' }}
          >
            <Group gap={8} wrap="nowrap" align="flex-start">
              <IconLockHeart size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
              <Text fz="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {s.secretNote}
              </Text>
            </Group>
          </Paper>
        ) : s.secretHidden ? (
          <Group gap={6} c="dimmed">
            <IconLock size={14} aria-hidden />
            <Text fz="sm">
              The secret behind the surprise is kept for colleagues whose role may read secrets.
            </Text>
          </Group>
        ) : null}
        <Group justify="space-between" gap="xs" mt={4}>
          <Reactions s={s} />
          {mayChange && (
            <Button
              variant="subtle"
              color="red"
              size="compact-sm"
              leftSection={<IconTrash size={14} />}
              onClick={() => setRemoving(true)}
            >
              Take down
            </Button>
          )}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={removing}
        onCancel={() => setRemoving(false)}
        title="Take this story down?"
        confirmLabel="Take it down"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(s.id, {
            onSuccess: () => {
              setRemoving(false)
              notifySuccess('The story is no longer in the feed.', 'Story taken down')
            },
          })
        }
      >
        <Text fz="sm">“{s.title}” and its reactions go; the recovery itself stays as it is.</Text>
      </ConfirmDialog>
    </Card>
  )
}

const capitalise = (t: string) => t.charAt(0).toUpperCase() + t.slice(1)

function Reactions({ s }: { s: Story }) {
  const react = useReact()
  const toggle = (kind: ReactionKind) => {
    const on = !s.mine.includes(kind)
    react.mutate({ id: s.id, kind, on }, { onError: (e) => notifyError(e, 'The reaction was not saved') })
  }
  return (
    <Group gap={6} role="group" aria-label="Reactions">
      {REACTION_KINDS.map((kind) => {
        const mine = s.mine.includes(kind)
        const n = s.reactions[kind] ?? 0
        return (
          <Button
            key={kind}
            size="compact-md"
            radius="xl"
            variant={mine ? 'light' : 'default'}
            aria-pressed={mine}
            aria-label={`${REACTION_LABELS[kind]}: ${n}`}
            title={REACTION_LABELS[kind]}
            onClick={() => toggle(kind)}
          >
            <span aria-hidden>{REACTION_EMOJI[kind]}</span>
            <Text component="span" fz="sm" fw={600} ml={6} aria-hidden>
              {n}
            </Text>
          </Button>
        )
      })}
    </Group>
  )
}
