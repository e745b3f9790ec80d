import { Modal, type ModalProps, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import type { ReactNode } from 'react'

/**
 * The app's dialog, under the form modal, the confirm dialog and the bigger panels (recording a
 * secret): its title in bold, Escape and a click outside close it. `fullScreenOnPhone` gives a
 * phone the whole screen (no rounded corners, no animation to wait for) for a dialog that is a
 * page of its own.
 */
export function Dialog({
  opened,
  title,
  onClose,
  size,
  fullScreenOnPhone = false,
  children,
}: {
  opened: boolean
  title: ReactNode
  onClose: () => void
  size?: ModalProps['size']
  fullScreenOnPhone?: boolean
  children: ReactNode
}) {
  const phone = (useMediaQuery('(max-width: 36em)') ?? false) && fullScreenOnPhone
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={700}>{title}</Text>}
      size={size}
      fullScreen={phone}
      radius={phone ? 0 : undefined}
      transitionProps={phone ? { duration: 0 } : undefined}
    >
      {children}
    </Modal>
  )
}
