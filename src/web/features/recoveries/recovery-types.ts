/**
 * Wire types of the recovery API, derived from the shared zod schemas (input side: dates are ISO
 * strings). Type-only imports: no zod code reaches the browser bundle.
 */
import type { z } from 'zod'
import type {
  clockSchema,
  contactSchema,
  handOverSchema,
  oopsDetailSchema,
  oopsListSchema,
  oopsSummarySchema,
  openOopsSchema,
  planInputSchema,
  planSchema,
  stepSchema,
  surpriseSchema,
} from '../../../schemas/recovery.schemas.ts'

export type { ContactKind, StepKind } from '../../../domain/recovery/communication.ts'
export type { OopsType, RecoveryKind, Severity } from '../../../domain/recovery/oops.ts'
export type { ClockState } from '../../../domain/recovery/recovery-clock.ts'

export type Clock = z.input<typeof clockSchema>
export type OopsSummary = z.input<typeof oopsSummarySchema>
export type OopsList = z.input<typeof oopsListSchema>
export type Oops = z.input<typeof oopsDetailSchema>
export type Step = z.input<typeof stepSchema>
export type Plan = z.input<typeof planSchema>
export type PlanInput = z.input<typeof planInputSchema>
export type OpenOopsInput = z.input<typeof openOopsSchema>
export type HandOverInput = z.input<typeof handOverSchema>
export type SurpriseInput = z.input<typeof surpriseSchema>
export type ContactInput = z.input<typeof contactSchema>

export type ListState = 'open' | 'at_risk' | 'breached' | 'recovered' | 'closed' | 'all'
