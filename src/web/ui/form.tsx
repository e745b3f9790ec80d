import type { FormEvent, FormHTMLAttributes } from 'react'

/**
 * A `<form>` that the shared schemas check rather than the browser (`noValidate`: the words are
 * ours, see `useSchemaForm`), with `onSubmit` called once the browser's own submit is prevented.
 * Enter in a field submits it, as in any form.
 */
export function Form({
  onSubmit,
  ...props
}: Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit'> & {
  onSubmit: (e: FormEvent<HTMLFormElement>) => void
}) {
  return (
    <form
      noValidate
      {...props}
      onSubmit={(e) => {
        e.preventDefault()
        onSubmit(e)
      }}
    />
  )
}
