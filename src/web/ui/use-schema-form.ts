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

/**
 * The schema's first message for each top-level field of `values` ({} when they pass): for a form
 * that keeps its own state but should say what the API would.
 */
export const schemaErrors = (schema: z.ZodType, values: unknown): Record<string, string> => {
  const result = schema.safeParse(values)
  if (result.success) return {}
  const errors: Record<string, string> = {}
  for (const issue of result.error.issues) {
    const key = String(issue.path[0] ?? '')
    errors[key] ??= issue.message
  }
  return errors
}
