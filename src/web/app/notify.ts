import { notifications } from '@mantine/notifications'
import { errorMessage } from './api.ts'

export const notifyError = (e: unknown, title = 'That did not work') =>
  notifications.show({ color: 'red', title, message: errorMessage(e), autoClose: 8000 })

export const notifySuccess = (message: string, title?: string) =>
  notifications.show({ color: 'teal', title, message })
