import { z } from 'zod'
import { NOTES_MAX } from '../domain/secrets/propose-secrets-from-notes.ts'
import { LAYERS } from '../domain/secrets/taxonomy.ts'

export { NOTES_MAX }

/** Notes or a call transcript to read for candidate secrets; nothing is stored by proposing. */
export const notesInputSchema = z
  .object({
    notes: z
      .string()
      .trim()
      .min(1, 'Paste the notes or the transcript to read.')
      .max(
        NOTES_MAX,
        `Notes are read up to ${NOTES_MAX.toLocaleString('en-GB')} characters: paste one meeting or call at a time.`,
      ),
    engagementId: z
      .string()
      .min(1)
      .max(100)
      .nullable()
      .optional()
      .meta({ description: 'the engagement the notes are from; accepted proposals are recorded to it' }),
  })
  .strict()

export const secretProposalSchema = z.object({
  text: z.string().meta({ description: 'the fact in third person, ready to record' }),
  heard: z.string().meta({ description: 'the words as they were heard' }),
  speaker: z.string().nullable(),
  personId: z
    .string()
    .nullable()
    .meta({ description: 'one of the customer’s people, or null for the customer' }),
  aboutName: z.string().nullable(),
  category: z
    .string()
    .nullable()
    .meta({ description: 'suggested category key; null when none is suggested' }),
  layer: z.enum(LAYERS),
  duplicateOf: z
    .string()
    .nullable()
    .meta({ description: 'an already-known secret with the same content words' }),
})

export const secretProposalsSchema = z.object({
  engagementId: z.string().nullable(),
  transcript: z.boolean().meta({ description: 'whether the notes were read as a transcript, turn by turn' }),
  markupRemoved: z.boolean(),
  proposals: z.array(secretProposalSchema),
})
