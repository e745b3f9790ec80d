import { IconAlertCircle } from '@tabler/icons-react'
import { Notice } from '../ui/notice.tsx'
import { errorMessage } from './api.ts'

/** An API refusal shown where the person is looking: at the form they just sent. */
export function FormError({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null
  return (
    <Notice tone="error" icon={<IconAlertCircle size={18} />} title={title}>
      {errorMessage(error)}
    </Notice>
  )
}
