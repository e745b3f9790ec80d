/**
 * Wire types of the secrets API, derived from the shared zod schemas (input side: dates are ISO
 * strings). Type-only imports: no zod code reaches the browser bundle.
 */
import type { z } from 'zod'
import type { consentStateSchema, secretsManualSchema } from '../../../schemas/manual.schemas.ts'
import type {
  categorySchema,
  consentSchema,
  coverageEntrySchema,
  engagementInputSchema,
  engagementSchema,
  knownSchema,
  nextQuestionsSchema,
  questionSchema,
  secretInputSchema,
  secretPatchSchema,
  secretSchema,
} from '../../../schemas/secrets.schemas.ts'

export type { Certainty, EngagementChannel, Layer } from '../../../domain/secrets/taxonomy.ts'

export type SecretCategory = z.input<typeof categorySchema>
export type Secret = z.input<typeof secretSchema>
export type SecretInput = z.input<typeof secretInputSchema>
export type SecretPatch = z.input<typeof secretPatchSchema>
export type Known = z.input<typeof knownSchema>
export type CoverageEntry = z.input<typeof coverageEntrySchema>
export type NextQuestions = z.input<typeof nextQuestionsSchema>
export type Question = z.input<typeof questionSchema>
export type Engagement = z.input<typeof engagementSchema>
export type EngagementInput = z.input<typeof engagementInputSchema>
export type Consent = z.input<typeof consentSchema>
export type ConsentState = z.input<typeof consentStateSchema>
export type SecretsManual = z.input<typeof secretsManualSchema>
