import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { cspViolations, launchBrowser, startDazzle } from './support/browser.ts'
import { salespersonTurnsNotesIntoSecrets } from './support/issue-13-steps.ts'

let browser: Browser
let dazzle: Awaited<ReturnType<typeof startDazzle>>
beforeAll(async () => {
  ;[browser, dazzle] = await Promise.all([launchBrowser(), startDazzle()])
})
afterAll(async () => {
  await browser?.close()
  await dazzle?.stop()
})
afterEach(() => {
  expect(cspViolations(browser)).toEqual([])
})

describe('notes turn into secrets', () => {
  it('pastes a transcript, accepts two proposals with the keyboard, edits one, and the three secrets appear', () =>
    salespersonTurnsNotesIntoSecrets(browser, dazzle.url))
})
