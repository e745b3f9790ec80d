import { useQuery } from '@tanstack/react-query'
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
import { api, downloadFile } from '../../app/api.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { useWorkspaceMutation, type WorkspaceRequest } from '../../app/workspace-mutation.ts'

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

/** A change here: report cards, statements and the home read what changed, so all of this area refetches. */
const useChange = <V, R>(request: (v: V) => WorkspaceRequest) =>
  useWorkspaceMutation<V, R>(request, { refresh: (slug) => key(slug) })

export const useAddBehaviour = () =>
  useChange<BehaviourInput, Behaviour>((body) => ({ path: '/behaviours', method: 'POST', body }))

export const useChangeBehaviour = () =>
  useChange<{ id: string; patch: BehaviourPatch }, Behaviour>(({ id, patch }) => ({
    path: `/behaviours/${enc(id)}`,
    method: 'PATCH',
    body: patch,
  }))

export const useReorderBehaviours = () =>
  useChange<string[], unknown>((ids) => ({ path: '/behaviours/order', method: 'PUT', body: { ids } }))

export const useAccountabilitySettings = () => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: key(slug, 'settings'),
    queryFn: ({ signal }) =>
      api<AccountabilitySettings>('/accountability/settings', { workspace: slug, signal }),
  })
}

export const useChangeSettings = () =>
  useChange<AccountabilitySettingsPatch, AccountabilitySettings>((body) => ({
    path: '/accountability/settings',
    method: 'PATCH',
    body,
  }))

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
  useChange<SendReportCard, SentReportCard>((body) => ({ path: '/report-cards', method: 'POST', body }))

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
  useChange<{ id: string | null; input: BonusPlanInput }, BonusPlan>(({ id, input }) =>
    id
      ? { path: `/bonus-plans/${enc(id)}`, method: 'PUT', body: input }
      : { path: '/bonus-plans', method: 'POST', body: input },
  )

export const useRemoveBonusPlan = () =>
  useChange<string, unknown>((id) => ({ path: `/bonus-plans/${enc(id)}`, method: 'DELETE' }))

export const usePlanStatements = (id: string) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: key(slug, 'plans', id),
    queryFn: ({ signal }) => api<PlanStatements>(`/bonus-plans/${enc(id)}`, { workspace: slug, signal }),
  })
}

export const useClosePlan = () =>
  useChange<string, ClosedPlan>((id) => ({ path: `/bonus-plans/${enc(id)}/close`, method: 'POST' }))

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
  useChange<AdjustmentInput, Adjustment>((body) => ({
    path: `/bonus-plans/${enc(planId)}/statements/${enc(userId)}/adjustments`,
    method: 'POST',
    body,
  }))

/** The plan's statements for payroll, one row a person (a file fetched with the workspace's header). */
export const downloadStatementsCsv = (slug: string, plan: { id: string; name: string }) =>
  downloadFile(`/bonus-plans/${enc(plan.id)}/statements.csv`, {
    workspace: slug,
    accept: 'text/csv',
    fallbackName: `${plan.name} statements.csv`,
  })

/** One person's statement as a PDF. */
export const downloadStatementPdf = (
  slug: string,
  plan: { id: string; periodLabel: string },
  person: { userId: string; name: string },
) =>
  downloadFile(`/bonus-plans/${enc(plan.id)}/statements/${enc(person.userId)}.pdf`, {
    workspace: slug,
    accept: 'application/pdf',
    fallbackName: `${person.name} ${plan.periodLabel}.pdf`,
  })

export const useMyAccountability = (enabled = true) => {
  const { slug } = useWorkspace()
  return useQuery({
    queryKey: key(slug, 'me'),
    enabled,
    queryFn: ({ signal }) => api<MyAccountability>('/me/accountability', { workspace: slug, signal }),
  })
}
