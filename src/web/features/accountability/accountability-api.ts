import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { z } from 'zod'
import type {
  accountabilitySettingsPatchSchema,
  accountabilitySettingsSchema,
  adjustmentInputSchema,
  adjustmentSchema,
  behaviourInputSchema,
  behaviourPatchSchema,
  behaviourSchema,
  bonusPlanInputSchema,
  bonusPlanSchema,
  closedPlanSchema,
  myAccountabilitySchema,
  planStatementsSchema,
  reportCardAnswerSchema,
  reportCardPreviewSchema,
  reportCardResultsSchema,
  sendReportCardSchema,
  sentReportCardSchema,
  statementViewSchema,
} from '../../../schemas/accountability.schemas.ts'
import { api } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'

// What travels on the wire: z.input (timestamps as ISO text), not the server's parsed z.infer (Date).
export type Behaviour = z.input<typeof behaviourSchema>
export type BehaviourInput = z.input<typeof behaviourInputSchema>
export type BehaviourPatch = z.input<typeof behaviourPatchSchema>
export type AccountabilitySettings = z.input<typeof accountabilitySettingsSchema>
export type AccountabilitySettingsPatch = z.input<typeof accountabilitySettingsPatchSchema>
export type SendReportCard = z.input<typeof sendReportCardSchema>
export type SentReportCard = z.input<typeof sentReportCardSchema>
export type ReportCardPreview = z.input<typeof reportCardPreviewSchema>
export type ReportCardAnswer = z.input<typeof reportCardAnswerSchema>
export type ReportCardResults = z.input<typeof reportCardResultsSchema>
export type ReportCardPerson = ReportCardResults['people'][number]
export type Score = ReportCardPerson['score']
export type Trend = ReportCardPerson['trend']
export type BonusPlan = z.input<typeof bonusPlanSchema>
export type BonusPlanInput = z.input<typeof bonusPlanInputSchema>
export type PlanStatements = z.input<typeof planStatementsSchema>
export type StatementView = z.input<typeof statementViewSchema>
export type Statement = StatementView['statement']
/** a statement as the team page has it: the figures without the drill-down */
export type TeamStatement = z.input<typeof planStatementsSchema>['views'][number]
export type ComponentResult = Statement['components'][number]
export type Effectiveness = Statement['details']['effectiveness']
export type Adjustment = z.input<typeof adjustmentSchema>
export type AdjustmentInput = z.input<typeof adjustmentInputSchema>
export type ClosedPlan = z.input<typeof closedPlanSchema>
export type MyAccountability = z.input<typeof myAccountabilitySchema>

const enc = encodeURIComponent
const key = (slug: string, ...rest: unknown[]) => ['workspace', slug, 'accountability', ...rest] as const

// ── behaviours and settings ──────────────────────────────────────────────────────────────────

export const useBehaviours = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: key(slug, 'behaviours'),
    queryFn: ({ signal }) =>
      api<{ behaviours: Behaviour[] }>('/behaviours', { workspace: slug, signal }).then((r) => r.behaviours),
  })
}

const useChange = <V, R>(fn: (slug: string, v: V) => Promise<R>) => {
  const { slug } = useWorkspace()
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (v: V) => fn(slug, v),
    // report cards, statements and the home read what changed: all of this area refetches
    onSettled: () => qc.invalidateQueries({ queryKey: key(slug) }),
  })
}

export const useAddBehaviour = () =>
  useChange((slug, input: BehaviourInput) =>
    api<Behaviour>('/behaviours', { method: 'POST', body: input, workspace: slug }),
  )

export const useChangeBehaviour = () =>
  useChange((slug, { id, patch }: { id: string; patch: BehaviourPatch }) =>
    api<Behaviour>(`/behaviours/${enc(id)}`, { method: 'PATCH', body: patch, workspace: slug }),
  )

export const useReorderBehaviours = () =>
  useChange((slug, ids: string[]) =>
    api<unknown>('/behaviours/order', { method: 'PUT', body: { ids }, workspace: slug }),
  )

export const useAccountabilitySettings = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: key(slug, 'settings'),
    queryFn: ({ signal }) =>
      api<AccountabilitySettings>('/accountability/settings', { workspace: slug, signal }),
  })
}

export const useChangeSettings = () =>
  useChange((slug, patch: AccountabilitySettingsPatch) =>
    api<AccountabilitySettings>('/accountability/settings', {
      method: 'PATCH',
      body: patch,
      workspace: slug,
    }),
  )

// ── report cards ─────────────────────────────────────────────────────────────────────────────

export const useReportCards = (userId: string | null = null, months = 12) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: key(slug, 'report-cards', userId, months),
    queryFn: ({ signal }) => {
      const q = new URLSearchParams({ months: String(months) })
      if (userId) q.set('userId', userId)
      return api<ReportCardResults>(`/report-cards?${q}`, { workspace: slug, signal })
    },
  })
}

export const useSendReportCard = () =>
  useChange((slug, input: SendReportCard) =>
    api<SentReportCard>('/report-cards', { method: 'POST', body: input, workspace: slug }),
  )

/** The customer's side: no workspace, no session, the token is the key. */
export const reportCardPath = (token: string) => `/report-cards/${enc(token)}`

// ── bonus plans and statements ──────────────────────────────────────────────────────────────

export const useBonusPlans = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: key(slug, 'plans'),
    queryFn: ({ signal }) =>
      api<{ plans: BonusPlan[] }>('/bonus-plans', { workspace: slug, signal }).then((r) => r.plans),
  })
}

export const useSaveBonusPlan = () =>
  useChange((slug, { id, input }: { id: string | null; input: BonusPlanInput }) =>
    id
      ? api<BonusPlan>(`/bonus-plans/${enc(id)}`, { method: 'PUT', body: input, workspace: slug })
      : api<BonusPlan>('/bonus-plans', { method: 'POST', body: input, workspace: slug }),
  )

export const useRemoveBonusPlan = () =>
  useChange((slug, id: string) =>
    api<unknown>(`/bonus-plans/${enc(id)}`, { method: 'DELETE', body: {}, workspace: slug }),
  )

export const usePlanStatements = (id: string) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: key(slug, 'plans', id),
    queryFn: ({ signal }) => api<PlanStatements>(`/bonus-plans/${enc(id)}`, { workspace: slug, signal }),
  })
}

export const useClosePlan = () =>
  useChange((slug, id: string) =>
    api<ClosedPlan>(`/bonus-plans/${enc(id)}/close`, { method: 'POST', body: {}, workspace: slug }),
  )

export const useStatement = (planId: string, userId: string) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: key(slug, 'plans', planId, 'statements', userId),
    queryFn: ({ signal }) =>
      api<StatementView>(`/bonus-plans/${enc(planId)}/statements/${enc(userId)}`, {
        workspace: slug,
        signal,
      }),
  })
}

export const useAddAdjustment = (planId: string, userId: string) =>
  useChange((slug, input: AdjustmentInput) =>
    api<Adjustment>(`/bonus-plans/${enc(planId)}/statements/${enc(userId)}/adjustments`, {
      method: 'POST',
      body: input,
      workspace: slug,
    }),
  )

export const statementsCsvPath = (planId: string) => `/bonus-plans/${enc(planId)}/statements.csv`
export const statementPdfPath = (planId: string, userId: string) =>
  `/bonus-plans/${enc(planId)}/statements/${enc(userId)}.pdf`

export const useMyAccountability = (enabled = true) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: key(slug, 'me'),
    enabled,
    queryFn: ({ signal }) => api<MyAccountability>('/me/accountability', { workspace: slug, signal }),
  })
}
