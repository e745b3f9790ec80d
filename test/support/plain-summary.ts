import type { Reporter, SerializedError, TestModule } from 'vitest/node'

/**
 * The plain "N passed, N failed" figures CI reads. A test file that fails without a failed test
 * (an import error, ENOENT in beforeAll: its tests are skipped or never collected) counts as one
 * failure, and so does an unhandled error, so the line never says 0 failed for a red run.
 */
export function plainSummary(
  modules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError> = [],
) {
  let passed = 0
  let failed = 0
  let skipped = 0
  for (const m of modules) {
    let failedHere = 0
    for (const t of m.children.allTests()) {
      const s = t.result().state
      if (s === 'passed') passed++
      else if (s === 'failed') failedHere++
      else skipped++
    }
    if (failedHere === 0 && (m.state() === 'failed' || m.errors().length > 0)) failedHere = 1
    failed += failedHere
  }
  failed += unhandledErrors.length
  return `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`
}

/** Ends the run with the plain summary line, beside vitest's own summary. */
export default class PlainSummary implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
    process.stdout.write(`\n${plainSummary(modules, unhandledErrors)}\n`)
  }
}
