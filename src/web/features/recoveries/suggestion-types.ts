/**
 * What `GET /api/oops/:id/suggestions` answers: the catalogue ranked for this customer, each
 * suggestion naming the secrets it draws on and why; what a hard limit rules out, with the reason.
 * Type-only imports: no zod code reaches the browser bundle.
 */
import type { z } from 'zod'
import type { surpriseSuggestionsSchema } from '../../../schemas/surprises.schemas.ts'

export type Suggestions = z.input<typeof surpriseSuggestionsSchema>
export type Suggestion = Suggestions['suggestions'][number]
export type Exclusion = Suggestions['excluded'][number]
