import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { DepthAccount, DepthDeps } from './depth-ports.ts'
import {
  type ClueMark,
  type ClueState,
  cluesOn,
  type DepthOverview,
  depthHistory,
  depthOverview,
  depthTrend,
  latestToday,
  type NextClue,
  nextClue,
  type Trend,
} from './relationship-depth.ts'

/** One account's relationship depth: the clues now, the depth and its trend, what to work on, every mark. */
export interface CustomerDepth {
  customerId: string
  keyAccount: boolean
  /** whether the one asking may set the clues */
  canMark: boolean
  today: string
  clues: ClueState[]
  depth: number
  before: number
  trend: Trend
  history: { day: string; depth: number }[]
  next: NextClue | null
  /** newest first */
  marks: ClueMark[]
}

/** The account's owner sets its clues; a leader or an admin may too. */
export const canMarkClues = (actor: Actor, account: Pick<DepthAccount, 'ownerUserId'>): boolean =>
  actor.role === 'admin' || actor.role === 'leader' || account.ownerUserId === actor.userId

export const customerDepth = (
  account: DepthAccount,
  marks: ClueMark[],
  now: Date,
  actor: Actor,
): CustomerDepth => {
  const today = latestToday(now)
  const t = depthTrend(marks, today)
  return {
    customerId: account.customerId,
    keyAccount: account.tier === 'A',
    canMark: account.tier === 'A' && canMarkClues(actor, account),
    today,
    clues: cluesOn(marks, today),
    depth: t.now,
    before: t.before,
    trend: t.trend,
    history: depthHistory(marks),
    next: nextClue(marks, today),
    marks: [...marks].sort((a, b) =>
      a.since !== b.since ? (a.since < b.since ? 1 : -1) : b.recordedAt.getTime() - a.recordedAt.getTime(),
    ),
  }
}

/** A customer's relationship depth, for anyone who may see the customer. */
export const readCustomerDepth = async (
  deps: DepthDeps,
  actor: Actor,
  customerId: string,
): Promise<CustomerDepth> => {
  authorize(actor, 'customers.read')
  const account = await deps.depth.account(customerId)
  if (!account) throw new DomainError('customer_not_found', 'There is no such customer in this workspace.')
  return customerDepth(account, await deps.depth.marks(customerId), deps.clock.now(), actor)
}

/** The leader's view across the key accounts (tier A): depths, who is climbing, who is slipping. */
export const readDepthOverview = async (deps: DepthDeps, actor: Actor): Promise<DepthOverview> => {
  authorize(actor, 'depth.read_team')
  return depthOverview(await deps.depth.keyAccounts(), latestToday(deps.clock.now()))
}
