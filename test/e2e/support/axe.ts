import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AxeResults } from 'axe-core'
import type { Page } from 'playwright-core'

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
/** WCAG 2.0 and 2.1, levels A and AA */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** one line per element axe-core finds at fault on the page as it is now: "rule (impact) element: why" */
export const accessibilityViolations = async (page: Page): Promise<string[]> => {
  // what a person sees: no transition half way (a modal fading in has no contrast yet)
  // (endless ones, such as a pulsing "Live", are not waited for; nor anything past two seconds)
  await page.evaluate(() =>
    Promise.race([
      new Promise((resolve) => setTimeout(resolve, 2000)),
      Promise.all(
        document
          .getAnimations()
          .filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
          .map((a) => a.finished.catch(() => null)),
      ),
    ]),
  )
  // evaluated, not added with addScriptTag: the Content-Security-Policy refuses inline scripts, as it should
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const result = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      ),
    TAGS,
  )
  return result.violations.flatMap((v) =>
    v.nodes.map(
      (n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`,
    ),
  )
}

const checked = new WeakMap<object, Set<string>>()

/**
 * Fails with the list of WCAG 2 A/AA violations axe-core finds on the page (call it once the page
 * shows what it is for). Each page, by its route with ids left out, and `state` (a dialog open…),
 * is checked once per browser: the journeys pass the same pages again and again.
 */
export const expectAccessible = async (page: Page, state = '') => {
  const route = new URL(page.url()).pathname
    .replace(/^\/w\/[^/]+/, '/w/:slug')
    .replace(/\/(invite|feedback)\/[^/]+/, '/$1/:token')
    .replace(/\/(customers|recoveries)\/[^/]+/, '/$1/:id')
  const key = `${route} ${state}`
  const browser = page.context().browser() ?? page.context()
  const seen = checked.get(browser) ?? new Set<string>()
  checked.set(browser, seen)
  if (seen.has(key)) return
  seen.add(key)
  const found = await accessibilityViolations(page)
  if (found.length > 0) {
    throw new Error(`${key.trim()}: ${found.length} WCAG 2 A/AA violations\n  ${found.join('\n  ')}`)
  }
}
