import { Card, Stack } from '@mantine/core'
import type { FormEvent, ReactNode } from 'react'
import { FormError } from '../app/form-error.tsx'
import { CardHeader } from './card-header.tsx'
import { Form } from './form.tsx'

/**
 * A card that holds one form on the page itself (new token, invite people, new endpoint): its icon
 * and title, the API's refusal above the fields, then the fields and the page's own submit button.
 * `below` goes under the form inside the card, e.g. what sending it made.
 */
export function FormCard({
  icon,
  title,
  onSubmit,
  error,
  below,
  children,
}: {
  icon?: ReactNode
  title: ReactNode
  /** Called with the submit event already prevented (e.g. `form.onSubmit(...)` of useSchemaForm). */
  onSubmit: (e: FormEvent<HTMLFormElement>) => void
  error: unknown
  below?: ReactNode
  children: ReactNode
}) {
  return (
    <Card>
      <CardHeader icon={icon} title={title} mb="md" />
      <Form onSubmit={onSubmit}>
        <Stack gap="md">
          <FormError error={error} />
          {children}
        </Stack>
      </Form>
      {below}
    </Card>
  )
}
