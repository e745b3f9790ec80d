import type { Clock } from '../clock.ts'
import type { Outbox } from '../recovery/ports.ts'
import type { AuditLog, TokenMint } from '../workspaces/ports.ts'
import type { Role } from '../workspaces/roles.ts'
import type { Behaviour } from './behaviours.ts'
import type { BonusPlanInput, Period, PeriodKind, PlanComponent } from './bonus-plan.ts'
import type { EffectivenessWeights } from './effectiveness.ts'
import type { CardQuestion, Ratings } from './report-card.ts'
import type { RawFigures, Statement } from './statement.ts'

export interface AccountabilitySettings {
  /** % of a bonus that must rest on secret gathering; never below the source's 25 */
  minSecretWeight: number
  /** answered report cards before a score shows */
  minAnswers: number
  weights: EffectivenessWeights
}

export interface MemberInfo {
  userId: string
  name: string
  email: string
  role: Role
}

export interface ReportCard {
  id: string
  salespersonUserId: string
  salespersonName: string
  customerId: string
  customerName: string
  personId: string | null
  personName: string | null
  sentByUserId: string | null
  questions: CardQuestion[]
  emailTo: string | null
  sentAt: Date
  expiresAt: Date
  remindedAt: Date | null
  answeredAt: Date | null
  ratings: Ratings | null
  comment: string | null
}

export interface NewReportCard {
  salespersonUserId: string
  customerId: string
  personId: string | null
  sentByUserId: string
  tokenHash: string
  questions: CardQuestion[]
  emailTo: string | null
  sentAt: Date
  expiresAt: Date
}

export interface BonusPlan {
  id: string
  name: string
  periodKind: PeriodKind
  period: Period
  components: PlanComponent[]
  currency: string
  members: { userId: string; name: string; targetBonus: number; quota: number | null }[]
  createdAt: Date
  closedAt: Date | null
  closedBy: string | null
}

export interface Adjustment {
  id: string
  userId: string
  amount: number
  reason: string
  createdBy: string | null
  createdByName: string | null
  createdAt: Date
}

export type { RawFigures }

export interface AccountabilityPort {
  settings(): Promise<AccountabilitySettings>
  changeSettings(s: AccountabilitySettings): Promise<void>
  member(userId: string): Promise<MemberInfo | null>
  members(): Promise<MemberInfo[]>
  companyName(): Promise<string>

  behaviours(): Promise<Behaviour[]>
  addBehaviour(b: { label: string; hint: string | null; position: number }): Promise<Behaviour>
  changeBehaviour(
    id: string,
    patch: Partial<Pick<Behaviour, 'label' | 'hint' | 'retiredAt' | 'position'>>,
  ): Promise<Behaviour | null>

  /** the customer and the person a card goes to; null when either is not in this workspace (or erased) */
  addressee(
    customerId: string,
    personId: string | null,
  ): Promise<{
    customerName: string
    personName: string | null
    email: string | null
  } | null>
  saveReportCard(c: NewReportCard): Promise<string>
  reportCard(id: string): Promise<ReportCard | null>
  reportCards(filter: {
    salespersonUserId?: string
    from?: Date
    to?: Date
    limit: number
  }): Promise<ReportCard[]>
  /** the answer, written only if the card is still unanswered; false when another request was first */
  answerReportCard(id: string, a: { ratings: Ratings; comment: string | null; at: Date }): Promise<boolean>
  /** the one reminder: a second link, recorded at most once; false when already reminded or answered */
  markReminded(id: string, reminderHash: string, at: Date): Promise<boolean>
  scheduleReminder(cardId: string, runAt: Date): Promise<void>

  plans(filter?: { userId?: string }): Promise<BonusPlan[]>
  plan(id: string): Promise<BonusPlan | null>
  /** plans of these people whose period overlaps this one (another plan than `exceptPlanId`) */
  overlapping(
    userIds: readonly string[],
    period: Period,
    exceptPlanId?: string,
  ): Promise<{ planName: string; userId: string }[]>
  savePlan(p: BonusPlanInput & { period: Period; createdBy: string; currency: string }): Promise<string>
  replacePlan(id: string, p: BonusPlanInput & { period: Period }): Promise<void>
  deletePlan(id: string): Promise<void>
  /** marks the plan closed if it was open; false when another request closed it first */
  closePlan(id: string, by: string, at: Date): Promise<boolean>
  freezeStatements(planId: string, statements: Statement[], at: Date): Promise<void>
  frozenStatement(planId: string, userId: string): Promise<Statement | null>
  adjustments(planId: string, userId?: string): Promise<Adjustment[]>
  addAdjustment(a: {
    planId: string
    userId: string
    amount: number
    reason: string
    createdBy: string
    at: Date
  }): Promise<string>

  /** customers' names as they are now (an erased customer's is the erased placeholder) */
  customerNames(ids: readonly string[]): Promise<Map<string, string>>
  /** answered cards' comments as they are now (erasing the customer clears them) */
  cardComments(ids: readonly string[]): Promise<Map<string, string | null>>
  /** each person's raw figures over [from, to) */
  figures(userIds: readonly string[], from: Date, to: Date, now: Date): Promise<Map<string, RawFigures>>
}

export interface AccountabilityDeps {
  accountability: AccountabilityPort
  audit: AuditLog
  clock: Clock
}

export interface ReportCardDeps extends AccountabilityDeps {
  mail: Outbox
  mint: TokenMint
  /** the address of a report-card link with this token */
  reportCardUrl(token: string): string
  notify(n: { userId: string; title: string; body: string }): Promise<void>
}
