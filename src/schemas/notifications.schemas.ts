import { z } from 'zod'
import { timestamp } from './common.schemas.ts'

export const notificationSchema = z
  .object({
    id: z.string(),
    kind: z.string().meta({ description: 'oops.step_due, oops.at_risk, oops.breached, oops.feedback …' }),
    oopsId: z
      .string()
      .nullable()
      .meta({ description: 'the recovery it is about: /w/:slug/recoveries/:oopsId' }),
    title: z.string(),
    body: z.string().nullable(),
    createdAt: timestamp,
    readAt: timestamp.nullable(),
  })
  .meta({ id: 'Notification' })

export const notificationListSchema = z.object({
  notifications: z.array(notificationSchema),
  unread: z
    .number()
    .int()
    .meta({ description: 'how many of mine are unread (all of them, not only this page)' }),
})

export const notificationListQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(30) })
  .strict()

export const notificationStreamQuerySchema = z
  .object({
    workspace: z
      .string()
      .max(100)
      .optional()
      .meta({ description: 'the workspace slug (EventSource cannot send the x-dazzle-workspace header)' }),
  })
  .strict()

export const readAllSchema = z.object({ marked: z.number().int() })
