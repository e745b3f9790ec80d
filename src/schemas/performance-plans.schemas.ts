import { z } from 'zod'
import {
  EXPECTATION_STATES,
  MAX_FIX_HOURS,
  MAX_STORIES,
  PLAN_PERIOD_KINDS,
} from '../domain/accountability/performance-plan.ts'
import { PLAN_CHANGE_ACTIONS } from '../domain/accountability/plan-ports.ts'
import { timestamp } from './common.schemas.ts'

/**
 * Leaders' performance plans: setting one, changing it, the plan with its actuals. The ranges and
 * their messages are written once here for the API and the form; the domain checks them again.
 */

const percent = (what: string) =>
  z
    .number({ error: `${what} is a percentage: give a number from 0 to 100.` })
    .min(0, `${what} is a percentage: give a number from 0 to 100.`)
    .max(100, `${what} is a percentage: give a number from 0 to 100.`)
    .nullable()
    .optional()

export const expectationFields = {
  dazzlingShareMin: percent('Dazzling share').describe('dazzling share ≥ this % of decided recoveries'),
  medianFixHoursMax: z
    .number({ error: 'Median time to fix is a number of hours, e.g. 24.' })
    .min(0, 'Median time to fix cannot be negative: give the hours, e.g. 24.')
    .max(MAX_FIX_HOURS, `Median time to fix can be at most ${MAX_FIX_HOURS} h (a quarter).`)
    .nullable()
    .optional()
    .describe('median time to fix ≤ this many hours'),
  wowRateMin: percent('WOW rate').describe('WOW rate ≥ this % of the customers’ answers'),
  storiesMin: z
    .number({ error: 'Stories told is a whole number.' })
    .int('Stories told is a whole number.')
    .min(0, 'Stories told cannot be negative.')
    .max(MAX_STORIES, `Stories told can be at most ${MAX_STORIES.toLocaleString('en')}.`)
    .nullable()
    .optional()
    .describe('at least this many recovery stories told'),
  tierACoverageMin: percent('Secrets known about tier A customers').describe(
    'the share of the team’s tier A customers with a secret known ≥ this %',
  ),
}

export const performancePlanInputSchema = z
  .object({
    leaderUserId: z.string().min(1, 'Choose the leader.').max(100),
    periodKind: z.enum(PLAN_PERIOD_KINDS),
    periodStart: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give the period’s first day as YYYY-MM-DD, e.g. 2026-12-01.')
      .describe('the first day of the month or quarter'),
    ...expectationFields,
  })
  .strict()

export const performancePlanPatchSchema = z
  .object(expectationFields)
  .strict()
  .refine((v) => Object.keys(v).length > 0, 'Change at least one expectation.')

const expectationsSchema = z.object({
  dazzlingShareMin: z.number().nullable(),
  medianFixHoursMax: z.number().nullable(),
  wowRateMin: z.number().nullable(),
  storiesMin: z.number().nullable(),
  tierACoverageMin: z.number().nullable(),
})
const person = z.object({ userId: z.string(), name: z.string() })

export const performancePlanSchema = z
  .object({
    id: z.string(),
    leader: person,
    period: z.object({
      kind: z.enum(PLAN_PERIOD_KINDS),
      start: z.string(),
      end: z.string().describe('the day after the last day'),
      label: z.string(),
    }),
    status: z.enum(['upcoming', 'running', 'closed']),
    expectations: expectationsSchema,
    actuals: z
      .object({
        team: z.array(person),
        recoveries: z.number(),
        decided: z.number(),
        dazzling: z.number(),
        dazzlingShare: z.number().nullable(),
        medianHoursToFix: z.number().nullable(),
        answers: z.number(),
        wowRate: z.number().nullable(),
        storiesTold: z.number(),
        tierA: z.object({ customers: z.number(), withSecrets: z.number(), coverage: z.number().nullable() }),
        measuredAt: timestamp,
      })
      .nullable()
      .describe('live while the period runs, frozen once closed; null before it starts'),
    lines: z.array(
      z.object({
        key: z.enum([
          'dazzlingShareMin',
          'medianFixHoursMax',
          'wowRateMin',
          'storiesMin',
          'tierACoverageMin',
        ]),
        label: z.string(),
        target: z.number(),
        actual: z.number().nullable(),
        state: z.enum(EXPECTATION_STATES),
        detail: z.string(),
      }),
    ),
    elapsed: z.number(),
    setBy: person.nullable(),
    setAt: timestamp,
    closedAt: timestamp.nullable(),
    closedBy: person.nullable().describe('null when the period-end job closed it'),
    history: z.array(
      z.object({
        action: z.enum(PLAN_CHANGE_ACTIONS),
        by: person.nullable(),
        at: timestamp,
        expectations: expectationsSchema,
      }),
    ),
    mayChange: z.boolean(),
    mayClose: z.boolean(),
  })
  .meta({ id: 'PerformancePlan' })

export const performancePlanListSchema = z
  .object({
    mine: z.array(performancePlanSchema),
    team: z.array(performancePlanSchema),
    settable: z.array(person).describe('the leaders the reader may set a plan for'),
  })
  .meta({ id: 'PerformancePlanList' })
