import type { Kysely } from 'kysely'
import { accountabilityStore, reportCardNotifier } from '../../db/accountability.store.ts'
import type { DB } from '../../db/schema.ts'
import { periodLabel, secretGatheringWeight } from '../../domain/accountability/bonus-plan.ts'
import type { AccountabilityDeps, BonusPlan, ReportCardDeps } from '../../domain/accountability/ports.ts'
import type { Statement } from '../../domain/accountability/statement.ts'
import type { AuditLog } from '../../domain/workspaces/ports.ts'
import type { ServerDeps } from '../deps.ts'
import type { WorkspaceContext } from '../workspace-route.ts'

export const tags = ['accountability']

/** The ports of the accountability use-cases, from a workspace route's context. */
export const accountabilityDeps = (w: WorkspaceContext): AccountabilityDeps => ({
  accountability: w.stores.accountability,
  audit: w.audit,
  clock: w.clock,
})

/** What sending, answering and reminding a report card need: the mail, the link's token and address, the bell. */
export const reportCardDeps = (
  deps: Pick<ServerDeps, 'mailer' | 'mint' | 'config' | 'clock'>,
  trx: Kysely<DB>,
  workspaceId: string,
  audit: AuditLog,
): ReportCardDeps => ({
  accountability: accountabilityStore(trx, workspaceId),
  audit,
  clock: deps.clock,
  mail: deps.mailer,
  mint: deps.mint,
  reportCardUrl: (token: string) => `${deps.config.baseUrl}/report-card/${token}`,
  notify: reportCardNotifier(trx, workspaceId, () => deps.clock.now()),
})

/** The team page's statement: its figures and the two secret-gathering summaries, no drill-down. */
export const presentSummary = <V extends { statement: Statement }>(v: V) => {
  const { details, ...figures } = v.statement
  return {
    ...v,
    statement: {
      ...figures,
      effectiveness: { points: details.effectiveness.points, lines: details.effectiveness.lines },
      reportCard: {
        answers: details.reportCard.answers,
        shown: details.reportCard.shown,
        minAnswers: details.reportCard.minAnswers,
        overall: details.reportCard.overall,
      },
    },
  }
}

export const presentPlan = (p: BonusPlan) => ({
  id: p.id,
  name: p.name,
  periodKind: p.periodKind,
  period: p.period,
  periodLabel: periodLabel(p.periodKind, p.period.start),
  currency: p.currency,
  components: p.components,
  secretGatheringWeight: secretGatheringWeight(p.components),
  members: p.members,
  createdAt: p.createdAt,
  closedAt: p.closedAt,
})
