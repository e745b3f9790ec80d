import type { UseFormReturnType } from '@mantine/form'
import type { ComponentProps } from 'react'
import { FormError } from '../app/form-error.tsx'
import { FormModal } from './form-modal.tsx'

/** What the modal needs of a react-query mutation (any `useMutation` result fits). */
export interface FormMutation<I, R> {
  mutate: (input: I, options: { onSuccess: (result: R) => void; onError?: (error: unknown) => void }) => void
  isPending: boolean
  error: unknown
}

/**
 * A form modal whose form (from `useSchemaForm`) is sent through one mutation: the shared schema
 * checks it first, the button spins while it is sent, the API's refusal shows under the fields
 * (headed by `errorTitle`: what did not happen), and once the API said yes `onSaved` runs (say so,
 * move on) and the dialog closes. Mount it only while open, so each opening starts afresh.
 */
export function MutationFormModal<V, I, R>({
  form,
  mutation,
  toInput,
  onSaved,
  onError,
  errorTitle,
  onClose,
  children,
  ...modal
}: Omit<ComponentProps<typeof FormModal>, 'opened' | 'onSubmit' | 'pending' | 'error'> & {
  form: UseFormReturnType<V>
  mutation: FormMutation<I, R>
  /** The form's values as the API reads them (trimmed, '' → null). */
  toInput: (values: V) => I
  onSaved: (result: R, values: V) => void
  /** Besides showing it: e.g. marking the field the API named. */
  onError?: (error: unknown) => void
  errorTitle?: string
}) {
  return (
    <FormModal
      opened
      onClose={onClose}
      pending={mutation.isPending}
      onSubmit={form.onSubmit((values) =>
        mutation.mutate(toInput(values), {
          onSuccess: (result) => {
            onSaved(result, values)
            onClose()
          },
          ...(onError ? { onError } : {}),
        }),
      )}
      {...modal}
    >
      {children}
      <FormError error={mutation.error} title={errorTitle} />
    </FormModal>
  )
}
