import type { Relation } from '../customers/customer.ts'
import { DomainError } from '../errors.ts'
import { type Actor, authorize } from '../workspaces/roles.ts'
import { type NotesPerson, proposeSecrets, type SecretProposal, turnsOf } from './notes-to-secrets.ts'
import type { SecretsDeps } from './ports.ts'
import type { Secret } from './secret.ts'

/** One meeting's notes or one call's transcript, not a document: about twelve pages of text. */
export const NOTES_MAX = 50_000

export interface ProposeFromNotesDeps extends Pick<SecretsDeps, 'audit'> {
  secrets: Pick<SecretsDeps['secrets'], 'customerFacts' | 'engagementOf' | 'categories'> & {
    forCustomer(customerId: string, status: 'active'): Promise<Secret[]>
  }
  /** the customer's people and family, by name */
  peopleOf(
    customerId: string,
  ): Promise<{ people: Array<{ id: string; name: string }>; relations: Relation[] }>
  /** the names our side goes by in a transcript: the workspace's members */
  ourNames(): Promise<string[]>
}

export interface NotesProposals {
  engagementId: string | null
  transcript: boolean
  markupRemoved: boolean
  proposals: SecretProposal[]
}

const TAG = /<\/?[a-z][^<>]*>|<!--[\s\S]*?-->/gi
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }

/**
 * The notes as words: pasted markup (HTML from a mail or a document, script and style blocks whole)
 * taken out, so "<b>Loves</b> hiking" reads as "Loves hiking"; refused when no words remain.
 */
export const plainNotes = (notes: string): { text: string; markupRemoved: boolean } => {
  const text = notes
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>/gi, '\n')
    .replace(TAG, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp);/g, (_, e: string) => ENTITIES[e] ?? ' ')
    .replace(/[ \t]+/g, ' ')
  const markupRemoved = text !== notes.replace(/[ \t]+/g, ' ')
  if (!/\p{L}{2,}/u.test(text)) {
    throw new DomainError(
      'invalid_input',
      'These notes hold no words to read once their markup is taken out: paste the text of the notes.',
      { field: 'notes' },
    )
  }
  return { text, markupRemoved }
}

/** The words English cannot be written without: a text with few of them is in another language. */
const ENGLISH = new Set(
  `the a an and or but of to in on at for with is are was were be been have has had do does did i you he
  she we they it my your his her our their me him us them this that not no yes so if what who when where
  how very just also can will would like love am from about as by`.split(/\s+/),
)

/** Proposing reads English: notes in another language get a clear answer, not an empty list. */
export const checkEnglish = (text: string): void => {
  const words = text
    .replace(/^\s*[^:\n]{1,40}:\s/gm, ' ')
    .toLowerCase()
    .match(/\p{L}+/gu)
  if (!words || words.length < 6) return
  const latin = words.filter((w) => /^[a-z]+$/.test(w.normalize('NFKD').replace(/\p{M}/gu, ''))).length
  const english = words.filter((w) => ENGLISH.has(w)).length
  if (latin / words.length < 0.5 || english / words.length < 0.12) {
    throw new DomainError(
      'invalid_input',
      'These notes do not read as English, and Dazzle proposes secrets from English notes only: record what you heard by hand, or paste an English summary.',
      { field: 'notes' },
    )
  }
}

/**
 * Candidate secrets from pasted notes or a call transcript (issue 13, part 6), for a salesperson to
 * accept, edit or drop: our own side's turns left out, each proposal about the customer or one of
 * its people or family, a category and layer suggested, repeats of what is known flagged. Nothing is
 * recorded here; accepting records through recordSecret, linked to the engagement. The known
 * secrets it compares with are a read of the customer's secrets, audited with their count.
 */
export const proposeSecretsFromNotes = async (
  deps: ProposeFromNotesDeps,
  actor: Actor,
  input: { customerId: string; notes: string; engagementId?: string | null | undefined },
): Promise<NotesProposals> => {
  authorize(actor, 'secrets.write')
  const customer = await deps.secrets.customerFacts(input.customerId)
  if (!customer || customer.erasedAt)
    throw new DomainError('customer_not_found', 'No such customer in this workspace.')
  if (input.engagementId && !(await deps.secrets.engagementOf(customer.id, input.engagementId))) {
    throw new DomainError('engagement_not_found', 'That engagement is not one of this customer’s.', {
      field: 'engagementId',
    })
  }
  if (input.notes.length > NOTES_MAX) {
    throw new DomainError(
      'invalid_input',
      `Notes are read up to ${NOTES_MAX} characters: paste one meeting or call at a time.`,
      { field: 'notes' },
    )
  }
  const { text, markupRemoved } = plainNotes(input.notes)
  checkEnglish(text)
  const [{ people, relations }, known, categories, ours] = await Promise.all([
    deps.peopleOf(customer.id),
    deps.secrets.forCustomer(customer.id, 'active'),
    deps.secrets.categories(),
    deps.ourNames(),
  ])
  const named: NotesPerson[] = [
    ...people.map((p) => ({ id: p.id, name: p.name })),
    ...relations.map((r) => ({ id: null, name: r.name, family: { kind: r.kind, of: r.personId } })),
  ]
  const proposals = proposeSecrets(text, {
    people: named,
    known: known.map((s) => ({ id: s.id, text: s.text })),
    ours: [...ours, 'me', 'us', 'sales', 'salesperson'],
    categories,
    customerKind: customer.kind === 'person' ? 'person' : 'organisation',
  })
  await deps.audit.record({
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: 'secrets.read_manual',
    targetType: 'customer',
    targetId: customer.id,
    // what was compared, never the text of the notes or the secrets
    details: { view: 'notes_proposals', known: known.length, proposals: proposals.length },
  })
  return {
    engagementId: input.engagementId ?? null,
    transcript: turnsOf(text).some((t) => t.speaker !== null),
    markupRemoved,
    proposals,
  }
}
