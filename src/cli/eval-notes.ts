import { readFile } from 'node:fs/promises'
import { gunzipSync } from 'node:zlib'
import { parse } from 'csv-parse/sync'
import {
  evaluateNotes,
  heardCeiling,
  type NotesEvalConversation,
  naiveExtract,
} from '../domain/secrets/notes-eval.ts'

const lines = (cell: string) =>
  cell
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)

/**
 * Synthetic-Persona-Chat's CSV (columns "user 1 personas", "user 2 personas", "Best Generated
 * Conversation"; gzipped or not) as an evaluation set: User 2 is the customer, User 1 the salesperson.
 */
export const readPersonaChat = async (file: string): Promise<NotesEvalConversation[]> => {
  let raw: Buffer
  try {
    raw = await readFile(file)
  } catch (e) {
    throw new Error(`${file} cannot be read: ${(e as Error).message}`)
  }
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')
  const rows = parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, string>[]
  const first = rows[0]
  const need = ['user 1 personas', 'user 2 personas', 'Best Generated Conversation']
  if (!first || need.some((k) => !(k in first))) {
    throw new Error(
      `${file} is not in the Synthetic-Persona-Chat format: expected the columns ${need.join(', ')}.`,
    )
  }
  return rows.map((r) => ({
    notes: r['Best Generated Conversation'] ?? '',
    customerFacts: lines(r['user 2 personas'] ?? ''),
    ourFacts: lines(r['user 1 personas'] ?? ''),
    ourSpeaker: 'User 1',
  }))
}

/**
 * `dazzle eval notes FILE.csv`: the real extraction over each conversation, scored by the issue's
 * matching rule; prints {"conversations","facts","proposals","recall","precision","misattributed"}.
 */
export const evalNotes = async (
  file: string,
  opts: { verbose?: boolean; naive?: boolean; ceiling?: boolean },
) => {
  const set = await readPersonaChat(file)
  if (opts.ceiling) return { conversations: set.length, heardCeiling: heardCeiling(set) }
  const out = opts.naive ? evaluateNotes(set, naiveExtract) : evaluateNotes(set)
  if (opts.verbose) {
    out.perConversation.forEach((c, i) => {
      for (const w of c.wrong) process.stderr.write(`#${i} ✗ ${w}\n`)
    })
  }
  const { perConversation: _per, ...summary } = out
  return summary
}
