import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { prepareCatalogue, recommendSurprises } from './recommend-surprise.ts'
import { conceptsByWord } from './recommend-surprise-concepts.ts'
import { titleKey } from './surprise-catalogue.ts'
import type { SurpriseDeps } from './surprise-ports.ts'

/** What to rank the catalogue for: one customer, within a budget, a time, the kinds a plan allows. */
export interface SurpriseQuery {
  customerId: string
  /** the OOPS! the surprise is for, whose own surprise is not "already given"; null for none */
  exceptOopsId: string | null
  budget: number
  hoursLeft: number
  allowedKinds: readonly string[] | null
  /** whom it is for: their own secrets weigh more */
  personId: string | null
  /** what the occasion is about, in words (breaks ties) */
  text: string | null
}

/**
 * The catalogue ranked against one customer's secrets, within the limits given, nothing they already
 * received (from the catalogue, or a custom surprise of the same title). One ranking for a recovery's
 * surprise and for a WOW moment's act. Reads secrets: the caller audits it.
 */
export const rankSurprisesFor = async (
  deps: Pick<SurpriseDeps, 'surprises' | 'concepts' | 'catalogue'>,
  q: SurpriseQuery,
  now: Date,
) => {
  const load = () => deps.surprises.list({ includeInactive: false })
  const [{ items, prepared }, secrets, given] = await Promise.all([
    deps.catalogue
      ? deps.surprises.catalogueVersion().then((v) => deps.catalogue!(v, load))
      : load().then((items) => ({ items, prepared: prepareCatalogue(items) })),
    deps.surprises.secretsOf(q.customerId),
    deps.surprises.givenTo(q.customerId, q.exceptOopsId ?? ''),
  ])
  // secrets recorded before concepts were kept get theirs now; word by word, so every link through
  // a concept can say which word of the secret made it
  for (const s of secrets) {
    if (!s.concepts) s.concepts = await deps.concepts.expand(s.text)
    s.wordConcepts = await conceptsByWord(deps.concepts, s.text)
  }
  const givenTitles = new Set(given.titles.map(titleKey))
  const alreadyGiven = [
    ...given.itemIds,
    ...items.filter((i) => givenTitles.has(titleKey(i.title))).map((i) => i.id),
  ]
  const ranked = recommendSurprises(prepared, secrets, {
    budget: q.budget,
    hoursLeft: q.hoursLeft,
    alreadyGiven,
    allowedKinds: q.allowedKinds,
    now,
    oopsText: q.text,
    personId: q.personId,
  })
  return { secretsConsidered: secrets.length, alreadyGiven: [...new Set(alreadyGiven)], ranked }
}

/**
 * "What surprise, for this customer, now?" — the catalogue ranked against the customer's secrets
 * within the OOPS!'s limits: the plan's cap, the time left on the clock, the kinds the plan allows,
 * and nothing they already received (from the catalogue, or a custom surprise of the same title).
 * Reading it shows secrets, so it is audited like any other read of them.
 */
export const suggestSurprises = async (deps: SurpriseDeps, actor: Actor, oopsId: string) => {
  authorize(actor, 'recovery.read')
  authorize(actor, 'secrets.read')
  const o = await deps.recovery.getOops(oopsId)
  if (!o) throw new DomainError('oops_not_found', 'No such OOPS! in this workspace.')
  const plans = o.planId ? await deps.recovery.plans() : []
  const plan = plans.find((p) => p.id === o.planId) ?? null
  const now = deps.clock.now()
  const hoursLeft = (o.deadlineAt.getTime() - now.getTime()) / 3_600_000
  const { secretsConsidered, alreadyGiven, ranked } = await rankSurprisesFor(
    deps,
    {
      customerId: o.customerId,
      exceptOopsId: o.id,
      budget: o.investmentCap,
      hoursLeft,
      allowedKinds: plan?.allowedKinds ?? null,
      personId: o.personId,
      text: o.description,
    },
    now,
  )
  await deps.audit.record(
    actedBy(
      actor,
      'secrets.read_manual',
      { type: 'customer', id: o.customerId },
      { view: 'surprise_suggestions', oopsId: o.id, secrets: secretsConsidered },
    ),
  )
  return {
    oopsId: o.id,
    budget: o.investmentCap,
    hoursLeft: Math.round(hoursLeft * 10) / 10,
    allowedKinds: plan?.allowedKinds ?? null,
    approverRole: plan?.approverRole ?? 'leader',
    secretsConsidered,
    alreadyGiven,
    chosen: o.surprisedAt ? { itemId: o.surpriseItemId, title: o.surpriseTitle } : null,
    ...ranked,
  }
}
