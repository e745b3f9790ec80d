import type { z } from 'zod'
import { config } from 'zod/v4/core'

/**
 * The words the browser shows for a limit a shared schema states without a message of its own
 * ("At most 2,000 characters." rather than zod's "Too big: expected string to have <=2000
 * characters"). A message written in the schema always wins; this only fills the gaps, and only in
 * the browser bundle (the server keeps zod's own).
 */
export const customError: z.core.$ZodErrorMap = (issue) => {
  const n = (v: unknown) =>
    typeof v === 'number' || typeof v === 'bigint' ? Number(v).toLocaleString('en-GB') : String(v)
  if (issue.code === 'too_big') {
    if (issue.origin === 'string') return `At most ${n(issue.maximum)} characters.`
    if (issue.origin === 'array' || issue.origin === 'set') return `At most ${n(issue.maximum)}.`
    if (issue.origin === 'number')
      return issue.inclusive === false ? `Less than ${n(issue.maximum)}.` : `At most ${n(issue.maximum)}.`
  }
  if (issue.code === 'too_small') {
    if (issue.origin === 'string')
      return Number(issue.minimum) <= 1 ? 'Fill this in.' : `At least ${n(issue.minimum)} characters.`
    if (issue.origin === 'array' || issue.origin === 'set')
      return Number(issue.minimum) <= 1 ? 'Choose at least one.' : `Choose at least ${n(issue.minimum)}.`
    if (issue.origin === 'number')
      return issue.inclusive === false ? `More than ${n(issue.minimum)}.` : `At least ${n(issue.minimum)}.`
  }
  if (issue.code === 'invalid_format' && issue.format === 'email')
    return 'Enter an email address such as ada@example.com.'
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'A whole number, please.'
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'Give a number.'
  return undefined
}

/**
 * Installs `customError` for the browser's zod, and keeps zod from compiling parsers with
 * `new Function` (`jitless`): our Content-Security-Policy refuses eval, and even zod's probe for it
 * is reported as a violation. Zod reads `jitless` when a schema is built, so zod-setup.ts runs this
 * from the entry, before any schema; it loads zod's small config module only.
 */
export const installOurWords = () => config({ customError, jitless: true })
