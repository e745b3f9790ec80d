import { Button, Group, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { FormError } from '../app/form-error.tsx'
import { Dialog } from './dialog.tsx'

/**
 * "Remove X?": a question, what it will do, Cancel and one (red) button that does it. Closing the
 * dialog any other way cancels. `error` shows an API refusal inside the dialog, where the person looks.
 */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  color = 'red',
  pending = false,
  error,
  onConfirm,
  onCancel,
}: {
  opened: boolean
  title: ReactNode
  /** What happens, in a sentence or two; a string is set as a small paragraph. */
  children?: ReactNode
  confirmLabel: string
  cancelLabel?: string
  color?: string
  pending?: boolean
  error?: unknown
  onConfirm: () => void
  onCancel: () => void
}) {
  return (
    <Dialog opened={opened} onClose={onCancel} title={title}>
      <Stack gap="lg">
        {typeof children === 'string' ? <Text fz="sm">{children}</Text> : children}
        <FormError error={error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            {cancelLabel}
          </Button>
          <Button color={color} loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  )
}
