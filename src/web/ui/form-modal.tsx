import { Button, Group, type ModalProps, Stack } from '@mantine/core'
import type { FormEvent, ReactNode } from 'react'
import { FormError } from '../app/form-error.tsx'
import { Dialog } from './dialog.tsx'

/**
 * A dialog that holds one form: title, the fields, the API's refusal where the person is looking,
 * then Cancel and the submit button. Enter submits; the browser's own validation is off because
 * the shared schema (see `useSchemaForm`) says what is wrong, in our words.
 */
export function FormModal({
  opened,
  title,
  onClose,
  onSubmit,
  submitLabel,
  submitIcon,
  submitDisabled = false,
  submitColor,
  pending = false,
  error,
  errorTitle,
  size,
  children,
}: {
  opened: boolean
  title: ReactNode
  onClose: () => void
  /** Called with the submit event already prevented. */
  onSubmit: (e: FormEvent<HTMLFormElement>) => void
  submitLabel: string
  submitIcon?: ReactNode
  submitDisabled?: boolean
  /** 'red' when sending it takes something away. */
  submitColor?: string
  pending?: boolean
  error?: unknown
  /** Heads the refusal: what did not happen ("The customer was not erased"). */
  errorTitle?: string
  size?: ModalProps['size']
  children: ReactNode
}) {
  return (
    <Dialog opened={opened} onClose={onClose} title={title} size={size}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault()
          onSubmit(e)
        }}
      >
        <Stack gap="md">
          {children}
          <FormError error={error} title={errorTitle} />
          <FormButtons
            submitLabel={submitLabel}
            submitIcon={submitIcon}
            submitDisabled={submitDisabled}
            submitColor={submitColor}
            pending={pending}
            onCancel={onClose}
          />
        </Stack>
      </form>
    </Dialog>
  )
}

/** Cancel and submit at the end of a form, right-aligned: the same in a dialog and in a card. */
export function FormButtons({
  submitLabel,
  submitIcon,
  submitDisabled = false,
  submitColor,
  pending = false,
  onCancel,
  cancelLabel = 'Cancel',
}: {
  submitLabel: string
  submitIcon?: ReactNode
  submitDisabled?: boolean
  submitColor?: string
  pending?: boolean
  onCancel?: () => void
  cancelLabel?: string
}) {
  return (
    <Group justify="flex-end" gap="sm">
      {onCancel && (
        <Button variant="default" onClick={onCancel}>
          {cancelLabel}
        </Button>
      )}
      <Button
        type="submit"
        leftSection={submitIcon}
        color={submitColor}
        loading={pending}
        disabled={submitDisabled}
      >
        {submitLabel}
      </Button>
    </Group>
  )
}
