import { describe, expect, it } from 'vitest'
import type { TestModule } from 'vitest/node'
import { plainSummary } from '../support/plain-summary.ts'

type State = 'passed' | 'failed' | 'skipped'
/** a test file as the reporter sees it: its state, its own errors, its tests' states */
const file = (state: State, tests: State[], errors = 0) =>
  ({
    state: () => state,
    errors: () => Array.from({ length: errors }, () => ({ message: 'ENOENT' })),
    children: { allTests: () => tests.map((s) => ({ result: () => ({ state: s }) })) },
  }) as unknown as TestModule

describe('the plain summary line', () => {
  it('counts passed, failed and skipped tests', () => {
    expect(plainSummary([file('passed', ['passed', 'passed']), file('failed', ['failed', 'skipped'])])).toBe(
      'tests: 2 passed, 1 failed, 1 skipped',
    )
  })

  it('counts a file that failed in beforeAll, its tests skipped, as a failure', () => {
    expect(plainSummary([file('passed', ['passed']), file('failed', ['skipped', 'skipped'], 1)])).toBe(
      'tests: 1 passed, 1 failed, 2 skipped',
    )
  })

  it('counts a file that failed to load, with no tests at all, as a failure', () => {
    expect(plainSummary([file('failed', [], 1)])).toBe('tests: 0 passed, 1 failed')
  })

  it('counts a file once by its failed tests, not again for failing', () => {
    expect(plainSummary([file('failed', ['failed', 'failed'])])).toBe('tests: 0 passed, 2 failed')
  })

  it('counts unhandled errors as failures', () => {
    expect(plainSummary([file('passed', ['passed'])], [{ message: 'boom' } as never])).toBe(
      'tests: 1 passed, 1 failed',
    )
  })
})
