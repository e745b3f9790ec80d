import { z } from 'zod'

/** The one error shape of the API. */
export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'forbidden' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' })
export type ErrorBody = z.infer<typeof errorSchema>

export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  422: errorSchema,
} as const

export const idParam = z.object({ id: z.string().min(1).max(100) }).strict()

export const okSchema = z.object({ ok: z.literal(true) })

/** A moment: a Date in TypeScript, an ISO-8601 string on the wire. */
export const timestamp = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
})
