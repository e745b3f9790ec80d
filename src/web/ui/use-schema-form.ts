import { schemaResolver, type UseFormInput, useForm } from '@mantine/form'
import type { z } from 'zod'

/**
 * `@mantine/form` validated by one of the shared zod schemas (src/schemas) at run time: a limit
 * and its message are written once, there, and the browser says the same as the API would.
 * Errors show after a field is left or the form is sent, not while the person is still typing.
 */
export function useSchemaForm<V extends Record<string, unknown>>(
  schema: z.ZodType<unknown, V>,
  initialValues: V,
  options: Omit<UseFormInput<V>, 'initialValues' | 'validate'> = {},
) {
  return useForm<V>({
    mode: 'controlled',
    validateInputOnBlur: true,
    ...options,
    initialValues,
    validate: schemaResolver(schema, { sync: true }),
  })
}

/** The values as the schema gives them back (trimmed, defaulted), once `form.validate()` passed. */
export const parsed = <S extends z.ZodType>(schema: S, values: z.input<S>): z.output<S> =>
  schema.parse(values)
