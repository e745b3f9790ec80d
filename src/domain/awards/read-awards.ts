import { DomainError } from '../errors.ts'
import { type Actor, authorize, can } from '../workspaces/roles.ts'
import {
  type AwardKind,
  addictCandidates,
  assertPeriodStarted,
  type Candidate,
  heroCandidates,
  manualCandidates,
  type NominatedSecret,
  periodRange,
  secretAgentCandidates,
} from './award.ts'
import type { Award, AwardSecret, AwardsDeps, StoredNomination } from './ports.ts'

/** A secret's words go only to roles that may read secrets; everyone else sees whose and about whom. */
export const secretTextFor = (actor: Actor, secret: AwardSecret | null): string | null =>
  secret && can(actor, 'secrets.read') ? secret.text : null

const nominatedSecrets = (nominations: readonly StoredNomination[]): NominatedSecret[] => {
  const bySecret = new Map<string, NominatedSecret & { nominations: StoredNomination[] }>()
  for (const n of nominations) {
    const s = bySecret.get(n.secret.id) ?? {
      secretId: n.secret.id,
      customerId: n.secret.customerId,
      customerName: n.secret.customerName,
      recordedBy:
        n.secret.recordedBy === null
          ? null
          : { userId: n.secret.recordedBy, name: n.secret.recordedByName ?? 'former member' },
      nominations: [],
    }
    s.nominations.push(n)
    bySecret.set(n.secret.id, s)
  }
  return [...bySecret.values()].map((s) => ({
    ...s,
    nominations: s.nominations.map((n) => ({ by: n.by, reason: n.reason, at: n.at })),
  }))
}

/** The candidates of one award and period, from what Dazzle knows now, ranked; secrets alongside. */
export const computeCandidates = async (
  deps: AwardsDeps,
  kind: AwardKind,
  period: string,
): Promise<{ candidates: Candidate[]; secrets: Map<string, AwardSecret> }> => {
  const { from, to } = periodRange(kind, period)
  const now = deps.clock.now()
  const secrets = new Map<string, AwardSecret>()
  if (kind === 'secret_agent') {
    const nominations = await deps.awards.nominations(period)
    for (const n of nominations) secrets.set(n.secret.id, n.secret)
    return { candidates: secretAgentCandidates(nominatedSecrets(nominations)), secrets }
  }
  if (kind === 'recovery_hero') {
    return { candidates: heroCandidates(await deps.awards.heroFigures(from, to, now)), secrets }
  }
  if (kind === 'recovery_addict') {
    return { candidates: addictCandidates(await deps.awards.addictFigures(from, to)), secrets }
  }
  // freshness is judged at the end of the year, or now while it runs
  const at = to < now ? to : now
  const [rows, categories] = await Promise.all([
    deps.awards.manualFigures(from, to),
    deps.awards.categories(),
  ])
  return { candidates: manualCandidates(rows, categories, at), secrets }
}

export interface CandidateView extends Candidate {
  secretText: string | null
}

/** The ranked candidates with their figures, for a leader to choose from (and for all to see). */
export const readCandidates = async (
  deps: AwardsDeps,
  actor: Actor,
  kind: AwardKind,
  period: string,
): Promise<{ kind: AwardKind; period: string; decided: Award | null; candidates: CandidateView[] }> => {
  authorize(actor, 'awards.read')
  assertPeriodStarted(kind, period, deps.clock.now())
  const [{ candidates, secrets }, decided] = await Promise.all([
    computeCandidates(deps, kind, period),
    deps.awards.award(kind, period),
  ])
  const views = candidates.map((c) => ({
    ...c,
    secretText: secretTextFor(actor, c.secretId ? (secrets.get(c.secretId) ?? null) : null),
  }))
  await auditSecretsShown(deps, actor, [
    ...views.map((v) => v.secretText),
    decided ? secretTextFor(actor, decided.secret) : null,
  ])
  return { kind, period, decided, candidates: views }
}

export interface AwardView extends Award {
  secretText: string | null
}

/** The history of awards, newest first; one person's when `winnerUserId` is given. */
export const listAwards = async (
  deps: AwardsDeps,
  actor: Actor,
  filter: { winnerUserId?: string | undefined; kind?: AwardKind | undefined } = {},
): Promise<AwardView[]> => {
  authorize(actor, 'awards.read')
  if (filter.winnerUserId && !(await deps.awards.member(filter.winnerUserId))) {
    throw new DomainError('member_not_found', 'No such member in this workspace.')
  }
  const awards = (await deps.awards.awards({ winnerUserId: filter.winnerUserId })).filter(
    (a) => !filter.kind || a.kind === filter.kind,
  )
  const views = awards.map((a) => ({ ...a, secretText: secretTextFor(actor, a.secret) }))
  await auditSecretsShown(
    deps,
    actor,
    views.map((v) => v.secretText),
  )
  return views
}

// every read of secret text is attributable (PRODUCT.md, "Privacy"): how many, never which words
const auditSecretsShown = async (deps: AwardsDeps, actor: Actor, texts: readonly (string | null)[]) => {
  const shown = texts.filter((t) => t !== null).length
  if (shown === 0) return
  await deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'awards.read',
    details: { secretsShown: shown },
  })
}
