import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { prepareCatalogue, recommendSurprises } from './recommend-surprise.ts'
import { conceptsByWord } from './recommend-surprise-concepts.ts'
import { titleKey } from './surprise-catalogue.ts'
import type { SurpriseDeps } from './surprise-ports.ts'

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
  const load = () => deps.surprises.list({ includeInactive: false })
  const [plans, { items, prepared }, secrets, given] = await Promise.all([
    o.planId ? deps.recovery.plans() : Promise.resolve([]),
    deps.catalogue
      ? deps.surprises.catalogueVersion().then((v) => deps.catalogue!(v, load))
      : load().then((items) => ({ items, prepared: prepareCatalogue(items) })),
    deps.surprises.secretsOf(o.customerId),
    deps.surprises.givenTo(o.customerId, o.id),
  ])
  const plan = plans.find((p) => p.id === o.planId) ?? null
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
  const now = deps.clock.now()
  const hoursLeft = (o.deadlineAt.getTime() - now.getTime()) / 3_600_000
  const ranked = recommendSurprises(prepared, secrets, {
    budget: o.investmentCap,
    hoursLeft,
    alreadyGiven,
    allowedKinds: plan?.allowedKinds ?? null,
    now,
    oopsText: o.description,
    personId: o.personId,
  })
  await deps.audit.record(
    actedBy(
      actor,
      'secrets.read_manual',
      { type: 'customer', id: o.customerId },
      { view: 'surprise_suggestions', oopsId: o.id, secrets: secrets.length },
    ),
  )
  return {
    oopsId: o.id,
    budget: o.investmentCap,
    hoursLeft: Math.round(hoursLeft * 10) / 10,
    allowedKinds: plan?.allowedKinds ?? null,
    approverRole: plan?.approverRole ?? 'leader',
    secretsConsidered: secrets.length,
    alreadyGiven: [...new Set(alreadyGiven)],
    chosen: o.surprisedAt ? { itemId: o.surpriseItemId, title: o.surpriseTitle } : null,
    ...ranked,
  }
}
