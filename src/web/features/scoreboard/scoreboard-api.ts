import { keepPreviousData, useQuery } from '@tanstack/react-query'
import type { z } from 'zod'
import type { scoreboardSchema, scoreLineSchema } from '../../../schemas/scoreboard.schemas.ts'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

/** One line of `GET /api/scoreboard`: everyone, one owner or one tier (the API's own schema). */
export type ScoreLine = z.infer<typeof scoreLineSchema>

/** `GET /api/scoreboard` as the API's own schema has it. */
export type Scoreboard = z.input<typeof scoreboardSchema>
export type TrendWeek = Scoreboard['trend'][number]

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
