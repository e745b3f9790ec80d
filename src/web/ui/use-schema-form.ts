import { schemaResolver, type UseFormInput, useForm } from '@mantine/form'
import type { z } from 'zod'

/**
 * `@mantine/form` validated by one of the shared zod schemas (src/schemas) at run time: a limit
 * and its message are written once, there, and the browser says what the API would. Errors show
 * when a field is left or the form is sent, not while the person is still typing.
 *
 * The form holds what the inputs hold (text, '' for an empty optional field); `toInput` turns that
 * into what the schema reads (e.g. '' → null) before it validates, and is what the form sends.
 */
export function useSchemaForm<V extends Record<string, unknown>>(
  schema: z.ZodType,
  initialValues: V,
  {
    toInput,
    ...options
  }: Omit<UseFormInput<V>, 'initialValues' | 'validate'> & { toInput?: (values: V) => unknown } = {},
) {
  const resolve = schemaResolver(schema, { sync: true })
  return useForm<V>({
    mode: 'controlled',
    validateInputOnBlur: true,
    ...options,
    initialValues,
    validate: (values) => resolve(toInput ? toInput(values) : values),
  })
}

/** '' (or only spaces) → null, else trimmed: what an empty optional text field means to the API. */
export const orNull = (s: string | null | undefined): string | null => (s?.trim() ? s.trim() : null)
