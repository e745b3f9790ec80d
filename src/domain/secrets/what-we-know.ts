import type { AuditEventInput } from '../audit/audit-event.ts'
import type { Clock } from '../clock.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { type CoverageEntry, coverage, coverageShare, nextQuestions } from './coverage.ts'
import type { KnownFacts, Question, SecretsPort } from './ports.ts'
import type { Secret } from './secret.ts'
import { allCategories, categoriesFor, coverageCategoriesOf } from './taxonomy.ts'

/**
 * "What secrets do we know about this customer?" (PRODUCT.md: answered at once, everywhere a
 * customer appears): the highlights, the coverage of the categories that apply, people and family.
 * The store answers and audits the read in one call; an organisation's coverage counts what we
 * know of its people too.
 */
export const whatWeKnow = async (
  deps: {
    knownAbout: (customerId: string, audit: AuditEventInput) => Promise<KnownFacts | null>
    clock: Clock
  },
  actor: Actor,
  customerId: string,
) => {
  authorize(actor, 'secrets.read')
  const k = await deps.knownAbout(customerId, {
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'secrets.read_known',
  })
  if (!k) throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  const categories = allCategories(
    k.customCategories.map((c) => ({ ...c, sensitive: false, builtin: false, cues: [] })),
  )
  const cov = coverage(
    coverageCategoriesOf(categories, k.customer.kind, k.perCategory),
    k.perCategory,
    deps.clock.now(),
  )
  const label = (key: string) => categories.find((c) => c.key === key)?.label ?? key
  return {
    customer: k.customer,
    activeCount: k.perCategory.reduce((a, g) => a + g.count, 0),
    coverageShare: coverageShare(cov),
    highlights: k.highlights.map((h) => ({ ...h, categoryLabel: label(h.category) })),
    coverage: cov,
    people: k.people,
    family: k.family,
    lastEngagementAt: k.lastEngagementAt,
  }
}

export interface NextQuestionsPorts {
  secrets: Pick<SecretsPort, 'customerFacts' | 'personOf' | 'categories' | 'settings'> & {
    forCustomer(customerId: string, status: 'active'): Promise<Secret[]>
    questions(): Promise<Question[]>
  }
  clock: Clock
}

/**
 * The next questions to ask this customer, or one of their people (ask > listen > record > ask
 * another, seed 004): categories with nothing known first, stale ones next.
 */
export const nextQuestionsFor = async (
  deps: NextQuestionsPorts,
  actor: Actor,
  customerId: string,
  q: { personId?: string | undefined; limit: number; round: number; skip: string[] },
): Promise<{
  about: 'person' | 'organisation'
  questions: Array<Question & { state: CoverageEntry['state']; categoryLabel: string }>
  coverage: CoverageEntry[]
}> => {
  authorize(actor, 'secrets.read')
  const { secrets } = deps
  const customer = await secrets.customerFacts(customerId)
  if (!customer || customer.erasedAt)
    throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  if (q.personId && !(await secrets.personOf(customer.id, q.personId))) {
    throw new DomainError('person_not_found', 'That person is not one of this customer’s people.')
  }
  const about = q.personId || customer.kind === 'person' ? 'person' : 'organisation'
  const [categories, settings, active, bank] = await Promise.all([
    secrets.categories(),
    secrets.settings(),
    secrets.forCustomer(customer.id, 'active'),
    secrets.questions(),
  ])
  // what we know about this person (or about the organisation itself)
  const mine = active.filter((x) => (q.personId ? x.personId === q.personId : x.personId === null))
  const applicable = categoriesFor(
    categories,
    about,
    settings.sensitiveCategories && !!customer.sensitiveConsentAt,
  )
  const cov = coverage(applicable, mine, deps.clock.now())
  const next = nextQuestions(cov, bank, { limit: q.limit, round: q.round, skip: q.skip })
  const label = (key: string) => categories.find((c) => c.key === key)?.label ?? key
  return { about, questions: next.map((x) => ({ ...x, categoryLabel: label(x.category) })), coverage: cov }
}
