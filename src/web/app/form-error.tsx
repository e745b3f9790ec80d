import { Alert } from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'
import { errorMessage } from './api.ts'

/** An API refusal shown where the person is looking: at the form they just sent. */
export function FormError({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={title} role="alert">
      {errorMessage(error)}
    </Alert>
  )
}
