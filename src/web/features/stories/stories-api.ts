import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type { ReactionKind, StoryPrivacy } from '../../../domain/stories/story.ts'
import type {
  storyDraftSchema,
  storyInputSchema,
  storyListSchema,
  storySchema,
} from '../../../schemas/stories.schemas.ts'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

/** A story as the API sends it (dates as ISO text). */
export type Story = z.input<typeof storySchema>
export type StoryDraft = z.input<typeof storyDraftSchema>
export type StoryInput = z.input<typeof storyInputSchema>
type StoryList = z.input<typeof storyListSchema>

const enc = encodeURIComponent
export const storiesKey = (slug: string) => ['workspace', slug, 'stories'] as const
const draftKey = (slug: string, oopsId: string, privacy: StoryPrivacy) =>
  [...storiesKey(slug), 'draft', oopsId, privacy] as const

export const STORY_PAGE = 20

/** Dazzle's draft of a closed recovery's story (only asked for by who may write it). */
export const useStoryDraft = (oopsId: string, privacy: StoryPrivacy, enabled = true) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: draftKey(slug, oopsId, privacy),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: ({ signal }) =>
      api<StoryDraft>(`/oops/${enc(oopsId)}/story-draft?privacy=${privacy}`, { workspace: slug, signal }),
  })
}

/** The feed, newest first, a page at a time. */
export const useStories = () => {
  const { slug } = useWorkspace()
  return useInfiniteQuery({
    queryKey: [...storiesKey(slug), 'feed'],
    initialPageParam: null as string | null,
    getNextPageParam: (last: StoryList) => last.nextBefore,
    queryFn: ({ pageParam, signal }) => {
      const q = new URLSearchParams({ limit: String(STORY_PAGE) })
      if (pageParam) q.set('before', pageParam)
      return api<StoryList>(`/stories?${q}`, { workspace: slug, signal })
    },
  })
}

export const usePublishStory = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (input: StoryInput) =>
      api<Story>('/stories', { method: 'POST', body: input, workspace: slug }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: storiesKey(slug) }),
  })
}

/** A story in the feed's cache replaced by the API's answer, without refetching every page. */
const useReplaceInFeed = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return (story: Story) =>
    qc.setQueryData<{ pages: StoryList[]; pageParams: unknown[] }>([...storiesKey(slug), 'feed'], (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((p) => ({
              ...p,
              stories: p.stories.map((s) => (s.id === story.id ? story : s)),
            })),
          }
        : data,
    )
}

/** Gives or takes back one reaction of a kind. */
export const useReact = () => {
  const { slug } = useWorkspace()
  const replace = useReplaceInFeed()
  return useMutation({
    mutationFn: ({ id, kind, on }: { id: string; kind: ReactionKind; on: boolean }) =>
      api<Story>(`/stories/${enc(id)}/reactions/${kind}`, { method: on ? 'PUT' : 'DELETE', workspace: slug }),
    onSuccess: replace,
  })
}

export const useDeleteStory = () => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      api<{ ok: true }>(`/stories/${enc(id)}`, { method: 'DELETE', workspace: slug }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: storiesKey(slug) }),
  })
}
