import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import type { Question, SecretBankDeps } from './ports.ts'
import { type CategoryScope, categoryKeyFromLabel, type SecretCategory } from './taxonomy.ts'

/**
 * The workspace's own categories of secrets and its bank of good questions, kept by admins. Each
 * change is audited (what changed, never a customer's words).
 */

const audited = (deps: SecretBankDeps, actor: Actor, details: Record<string, unknown>) =>
  deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'secret_bank.changed',
    targetType: 'workspace',
    details,
  })

export const addCategory = async (
  deps: SecretBankDeps,
  actor: Actor,
  input: { label: string; key?: string | undefined; scope: CategoryScope; cues: string[] },
): Promise<SecretCategory> => {
  authorize(actor, 'secrets.manage_bank')
  const key = input.key ?? categoryKeyFromLabel(input.label)
  if (key.length < 2) {
    throw new DomainError('invalid_input', 'Give the category a label with letters in it.', {
      field: 'label',
    })
  }
  if ((await deps.bank.categories()).some((c) => c.key === key)) {
    throw new DomainError('category_taken', `There is already a category "${key}".`)
  }
  await deps.bank.addCategory({ key, label: input.label, scope: input.scope, cues: input.cues })
  await audited(deps, actor, { category: key, added: true })
  return { key, label: input.label, scope: input.scope, sensitive: false, builtin: false, cues: input.cues }
}

/** Only a category the workspace added, and only while no secret is recorded under it. */
export const removeCategory = async (deps: SecretBankDeps, actor: Actor, key: string): Promise<void> => {
  authorize(actor, 'secrets.manage_bank')
  if ((await deps.bank.categories()).some((c) => c.key === key && c.builtin)) {
    throw new DomainError('invalid_input', 'The source categories cannot be removed.')
  }
  if (await deps.bank.categoryInUse(key)) {
    throw new DomainError(
      'category_taken',
      'Secrets are recorded under this category: move them to another category first.',
    )
  }
  if (!(await deps.bank.removeCategory(key))) {
    throw new DomainError('category_not_found', 'No such category in this workspace.')
  }
  await audited(deps, actor, { category: key, removed: true })
}

const questionNotFound = () => new DomainError('question_not_found', 'No such question in this workspace.')

export const addQuestion = async (
  deps: SecretBankDeps,
  actor: Actor,
  input: { category: string; text: string; position?: number | undefined },
): Promise<Question> => {
  authorize(actor, 'secrets.manage_bank')
  if (!(await deps.bank.categories()).some((c) => c.key === input.category)) {
    throw new DomainError('invalid_input', `There is no category "${input.category}".`, { field: 'category' })
  }
  await deps.bank.questions() // the seed first, so a first edit does not replace it
  const q = await deps.bank.addQuestion(input)
  await audited(deps, actor, { question: q.id, category: q.category, added: true })
  return q
}

export const changeQuestion = async (
  deps: SecretBankDeps,
  actor: Actor,
  id: string,
  input: { text?: string | undefined; position?: number | undefined },
): Promise<Question> => {
  authorize(actor, 'secrets.manage_bank')
  const q = await deps.bank.updateQuestion(id, input)
  if (!q) throw questionNotFound()
  await audited(deps, actor, { question: id, fields: Object.keys(input) })
  return q
}

export const removeQuestion = async (deps: SecretBankDeps, actor: Actor, id: string): Promise<void> => {
  authorize(actor, 'secrets.manage_bank')
  if (!(await deps.bank.removeQuestion(id))) throw questionNotFound()
  await audited(deps, actor, { question: id, removed: true })
}
