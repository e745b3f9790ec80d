import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { customError } from './schema-messages.ts'

const message = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value, { error: customError }).error?.issues[0]?.message

describe('the words the browser shows for a schema’s limits', () => {
  it('says a limit in our words', () => {
    expect(message(z.string().max(2000), 'x'.repeat(2001))).toBe('At most 2,000 characters.')
    expect(message(z.string().min(1), '')).toBe('Fill this in.')
    expect(message(z.number().int().min(1).max(3650), 4000)).toBe('At most 3,650.')
    expect(message(z.array(z.string()).min(1), [])).toBe('Choose at least one.')
  })

  it('keeps a message the schema writes itself', () => {
    expect(message(z.string().trim().min(1, 'Name the token.'), '  ')).toBe('Name the token.')
  })
})
