import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type { scoreLineSchema } from '../../../schemas/scoreboard.schemas.ts'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

/** One line of `GET /api/scoreboard`: everyone, one owner or one tier (the API's own schema). */
export type ScoreLine = z.infer<typeof scoreLineSchema>

export interface Scoreboard {
  from: string
  to: string
  overall: ScoreLine
  byOwner: ScoreLine[]
  byTier: ScoreLine[]
}

/** `to` left out: up to now, moving with each refresh. */
export interface Period {
  from: string
  to?: string | undefined
}

export const useScoreboard = (period: Period | null) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: ['workspace', slug, 'scoreboard', period],
    enabled: !!period,
    placeholderData: keepPreviousData,
    // posted on a wall: it keeps itself up to date
    refetchInterval: 60_000,
    queryFn: ({ signal }) => {
      const q = new URLSearchParams()
      if (period?.from) q.set('from', period.from)
      if (period?.to) q.set('to', period.to)
      return api<Scoreboard>(`/scoreboard?${q}`, { workspace: slug, signal })
    },
  })
}
