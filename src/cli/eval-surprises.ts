import { readFile } from 'node:fs/promises'
import { evaluateSurprises } from '../domain/recovery/surprise-eval.ts'
import { surpriseEvalSetSchema } from '../schemas/surprises.schemas.ts'
import { sharedMeaningConcepts } from '../server/concepts/meaning-concepts.ts'

/**
 * `dazzle eval surprises FILE.json`: the app's own ranking and concepts (the meaning layer, then WordNet) over an evaluation
 * set; prints {"scenarios","hit1","hit3","violations"} on stdout (and each scenario's top three on
 * stderr with --verbose). No database: the set carries its own catalogue.
 */
export const evalSurprises = async (file: string, opts: { verbose?: boolean }) => {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(file, 'utf8'))
  } catch (e) {
    throw new Error(`${file} is not a readable JSON file: ${(e as Error).message}`)
  }
  const parsed = surpriseEvalSetSchema.safeParse(raw)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new Error(
      `${file} is not an evaluation set: ${first?.path.join('.') || '(top)'}: ${first?.message ?? 'invalid'}. ` +
        'Expected {"catalogue":[{"id","title","cost","leadTimeHours","tags"}],"scenarios":[{"id","secrets":[{"category","text"}],"oops","budget","hoursLeft","alreadyGiven"?,"acceptable"}]}',
    )
  }
  const out = await evaluateSurprises(parsed.data, sharedMeaningConcepts())
  if (opts.verbose) {
    for (const r of out.results) {
      process.stderr.write(
        `${r.hit1 ? '✓' : r.hit3 ? '~' : '✗'} ${r.scenario.padEnd(28)} top: ${r.top.join(', ') || '(none)'}   acceptable: ${r.acceptable.join(', ') || '(none)'}\n`,
      )
    }
  }
  const { results: _results, ...summary } = out
  return summary
}
