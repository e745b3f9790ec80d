import {
  Anchor,
  Button,
  Card,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconLockHeart, IconSpeakerphone } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { Link } from 'react-router'
import { maySpeakFor, STORY_LIMITS, type StoryPrivacy } from '../../../domain/stories/story.ts'
import { storyInputSchema } from '../../../schemas/stories.schemas.ts'
import { FormError } from '../../app/form-error.tsx'
import { notifySuccess } from '../../app/notify.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { FormModal } from '../../ui/form-modal.tsx'
import { orNull, useSchemaForm } from '../../ui/use-schema-form.ts'
import type { Oops } from '../recoveries/recovery-types.ts'
import { type StoryDraft, usePublishStory, useStoryDraft } from './stories-api.ts'

/**
 * On a closed recovery's screen: its owner or a leader tells the story (seed 002/003: "stories are
 * told"), starting from Dazzle's draft of the timeline. Nothing shows for anyone else, or while the
 * recovery is still open.
 */
export function StoryCard({ o }: { o: Oops }) {
  const { slug, me, role } = useWorkspace()
  const mayWrite = o.status === 'closed' && maySpeakFor({ userId: me.user.id, role }, o.owner?.id ?? null)
  const draft = useStoryDraft(o.id, 'named', mayWrite)
  const anonymous = useStoryDraft(o.id, 'anonymised', mayWrite && !!draft.data && !draft.data.alreadyTold)
  const [writing, write] = useDisclosure(false)
  if (!mayWrite) return null
  const told = draft.data?.alreadyTold
  return (
    <Card p={{ base: 'md', sm: 'lg' }} component="section" aria-label="The story">
      <Group gap={8} mb="sm">
        <Text c="violet" component="span" style={{ display: 'flex' }} aria-hidden>
          <IconSpeakerphone size={18} />
        </Text>
        <Title order={2} fz="lg">
          The story
        </Title>
      </Group>
      {draft.isPending ? (
        <Skeleton h={36} />
      ) : told ? (
        <Text fz="sm">
          Its story has been told.{' '}
          <Anchor component={Link} to={`/w/${slug}/stories#story-${told}`}>
            Read it in the stories
          </Anchor>
          .
        </Text>
      ) : (
        <Stack gap="sm">
          <Text fz="sm" c="dimmed">
            Tell the team how this one was put right: Dazzle drafts it from the timeline for you to edit.
          </Text>
          <Group>
            <Button
              leftSection={<IconSpeakerphone size={16} />}
              onClick={write.open}
              disabled={!draft.data || !anonymous.data}
            >
              Write the story
            </Button>
          </Group>
          <FormError error={draft.error} title="The draft could not be made" />
        </Stack>
      )}
      {writing && draft.data && anonymous.data && (
        <WriteStoryModal o={o} first={draft.data} anonymised={anonymous.data} onClose={write.close} />
      )}
    </Card>
  )
}

interface Values extends Record<string, unknown> {
  privacy: StoryPrivacy
  customerLabel: string
  title: string
  body: string
  secretNote: string
}

const valuesOf = (d: StoryDraft): Values => ({
  privacy: d.privacy,
  customerLabel: d.customerLabel ?? '',
  title: d.title,
  body: d.body,
  secretNote: d.secretNote ?? '',
})

function WriteStoryModal({
  o,
  first,
  anonymised,
  onClose,
}: {
  o: Oops
  first: StoryDraft
  anonymised: StoryDraft
  onClose: () => void
}) {
  const { slug } = useWorkspace()
  const publish = usePublishStory()
  const [privacy, setPrivacy] = useState<StoryPrivacy>('named')
  const toInput = (v: Values) => ({
    oopsId: o.id,
    title: v.title,
    body: v.body,
    secretNote: orNull(v.secretNote),
    privacy: v.privacy,
    customerLabel: v.privacy === 'anonymised' ? orNull(v.customerLabel) : null,
  })
  const form = useSchemaForm<Values>(storyInputSchema, valuesOf(first), { toInput })
  // the draft the text was last filled from: switching privacy redrafts only what was not edited
  const filledFrom = useRef(valuesOf(first))
  const choose = (next: StoryPrivacy) => {
    setPrivacy(next)
    const drafted = valuesOf(next === 'anonymised' ? anonymised : first)
    const v = form.getValues()
    const was = filledFrom.current
    form.setValues({
      privacy: next,
      customerLabel:
        !v.customerLabel || v.customerLabel === was.customerLabel ? drafted.customerLabel : v.customerLabel,
      title: v.title === was.title ? drafted.title : v.title,
      body: v.body === was.body ? drafted.body : v.body,
    })
    filledFrom.current = {
      ...drafted,
      customerLabel: drafted.customerLabel || was.customerLabel,
      secretNote: was.secretNote,
    }
  }

  return (
    <FormModal
      opened
      onClose={onClose}
      size="xl"
      title="Write the story"
      submitLabel="Publish the story"
      submitIcon={<IconSpeakerphone size={16} />}
      pending={publish.isPending}
      error={publish.error}
      errorTitle="The story was not published"
      onSubmit={form.onSubmit((v) =>
        publish.mutate(toInput(v), {
          onSuccess: () => {
            notifySuccess('It is in the stories feed, and in Monday’s digest to the team.', 'Story published')
            onClose()
          },
        }),
      )}
    >
      <Stack gap={4}>
        <Text fz="sm" fw={500} id="story-privacy">
          The customer
        </Text>
        <SegmentedControl
          fullWidth
          aria-labelledby="story-privacy"
          value={privacy}
          onChange={(v) => choose(v as StoryPrivacy)}
          data={[
            { value: 'named', label: 'By name' },
            { value: 'anonymised', label: 'Anonymised' },
          ]}
        />
        {privacy === 'named' && (
          <Text fz="xs" c="dimmed">
            The story names {o.customer.name}.
          </Text>
        )}
      </Stack>
      {privacy === 'anonymised' && (
        <TextInput
          label="How the story describes them"
          description="Without their name, nor the name of anyone there."
          maxLength={STORY_LIMITS.customerLabel}
          {...form.getInputProps('customerLabel')}
        />
      )}
      <TextInput label="Title" maxLength={STORY_LIMITS.title} {...form.getInputProps('title')} />
      <Textarea
        label="The story"
        description="What went wrong, how fast it was fixed, the surprise, what the customer answered."
        autosize
        minRows={8}
        maxRows={18}
        {...form.getInputProps('body')}
      />
      <Textarea
        label="The secret behind the surprise"
        description="Shown only to colleagues whose role may read secrets; never in the emailed digest."
        leftSection={<IconLockHeart size={16} aria-hidden />}
        leftSectionProps={{ style: { alignItems: 'flex-start', paddingTop: 8 } }}
        autosize
        minRows={2}
        {...form.getInputProps('secretNote')}
      />
      <Text fz="xs" c="dimmed">
        It appears in the{' '}
        <Anchor component={Link} to={`/w/${slug}/stories`}>
          stories
        </Anchor>{' '}
        at once.
      </Text>
    </FormModal>
  )
}
