import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { customError } from './schema-messages.ts'
import { schemaErrors } from './use-schema-form.ts'

const message = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value, { error: customError }).error?.issues[0]?.message

describe('a form’s errors from its schema', () => {
  it('gives the first message of each field, none when the values pass', () => {
    const schema = z
      .object({ name: z.string().min(2, 'Give it a name.').max(5), hours: z.number().positive() })
      .refine((v) => v.hours < 10, { message: 'Fewer than ten.', path: ['hours'] })
    expect(schemaErrors(schema, { name: 'ab', hours: 3 })).toEqual({})
    expect(schemaErrors(schema, { name: '', hours: 3 })).toEqual({ name: 'Give it a name.' })
    expect(schemaErrors(schema, { name: 'abc', hours: 12 })).toEqual({ hours: 'Fewer than ten.' })
  })
})

describe('the words the browser shows for a schema’s limits', () => {
  it('says a limit in our words', () => {
    expect(message(z.string().max(2000), 'x'.repeat(2001))).toBe('At most 2,000 characters.')
    expect(message(z.string().min(1), '')).toBe('Fill this in.')
    expect(message(z.number().int().min(1).max(3650), 4000)).toBe('At most 3,650.')
    expect(message(z.array(z.string()).min(1), [])).toBe('Choose at least one.')
    expect(message(z.number().positive(), 0)).toBe('More than 0.')
    expect(message(z.number(), Number.NaN)).toBe('Give a number.')
  })

  it('keeps a message the schema writes itself', () => {
    expect(message(z.string().trim().min(1, 'Name the token.'), '  ')).toBe('Name the token.')
  })
})
