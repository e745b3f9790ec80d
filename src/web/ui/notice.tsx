import { Alert, type AlertProps } from '@mantine/core'
import { IconAlertCircle, IconAlertTriangle, IconCircleCheck, IconInfoCircle } from '@tabler/icons-react'
import type { ReactNode } from 'react'

/**
 * What each kind of notice looks like and how a screen reader hears it: a success or a plain fact
 * is a status (read when there is a pause), a refusal or a warning an alert (read at once).
 */
const TONES = {
  success: { color: 'teal', role: 'status', icon: <IconCircleCheck size={20} /> },
  info: { color: 'violet', role: 'status', icon: <IconInfoCircle size={20} /> },
  warning: { color: 'orange', role: 'alert', icon: <IconAlertTriangle size={20} /> },
  error: { color: 'red', role: 'alert', icon: <IconAlertCircle size={20} /> },
} as const

export type NoticeTone = keyof typeof TONES

/**
 * A light alert box of one tone: its colour, icon and role follow from the tone, so that "it
 * worked", "mind this" and "this can't be done" look and sound the same on every page. `icon`
 * and `color` may say it more precisely (a closed link, an envelope, an expired clock).
 */
export function Notice({
  tone,
  icon,
  color,
  children,
  ...props
}: Omit<AlertProps, 'color' | 'variant' | 'icon' | 'role'> & {
  tone: NoticeTone
  icon?: ReactNode
  color?: string
  children?: ReactNode
}) {
  const t = TONES[tone]
  return (
    <Alert color={color ?? t.color} variant="light" icon={icon ?? t.icon} role={t.role} {...props}>
      {children}
    </Alert>
  )
}
