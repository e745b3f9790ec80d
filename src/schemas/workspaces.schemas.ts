import { z } from 'zod'
import { AUDIT_ACTIONS } from '../domain/audit/audit-event.ts'
import { ROLES } from '../domain/workspaces/roles.ts'
import { timestamp } from './common.schemas.ts'

export const roleSchema = z.enum(ROLES).meta({ description: 'Role in the workspace' })

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'Enter an email address such as ada@example.com.' }))

export const passwordSchema = z
  .string()
  .min(10, 'Use at least 10 characters for the password.')
  .max(128, 'Use at most 128 characters for the password.')

export const workspaceSchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
})

export const membershipSchema = workspaceSchema.extend({ role: roleSchema })

export const meSchema = z
  .object({
    user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    workspace: workspaceSchema.nullable(),
    role: roleSchema.nullable(),
    via: z.enum(['session', 'token']),
    workspaces: z.array(membershipSchema),
  })
  .meta({ id: 'Me' })

export const createWorkspaceSchema = z
  .object({
    name: z.string().trim().min(2, 'Give the workspace a name of at least 2 characters.').max(80),
    slug: z.string().trim().toLowerCase().max(48).optional(),
  })
  .strict()

export const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  joinedAt: timestamp,
  leaderUserId: z.string().nullable().meta({ description: 'Who they report to (another member), or null' }),
})

export const changeRoleSchema = z.object({ role: roleSchema }).strict()
export const setLeaderSchema = z
  .object({
    leaderUserId: z
      .string()
      .min(1)
      .max(100)
      .nullable()
      .meta({ description: 'The member they report to; null: nobody' }),
  })
  .strict()
export const myTeamSchema = z
  .object({
    leader: memberSchema.nullable().meta({ description: 'Who the caller reports to' }),
    team: z
      .array(memberSchema.extend({ depth: z.number().int().meta({ description: '1: reports directly' }) }))
      .meta({ description: 'Everyone who reports to the caller, directly or through others, nearest first' }),
  })
  .meta({ id: 'MyTeam' })
export const userIdParam = z.object({ userId: z.string().min(1).max(100) }).strict()

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  invitedByName: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: timestamp,
  createdAt: timestamp,
})

export const createInvitationSchema = z.object({ email: emailSchema, role: roleSchema }).strict()
export const createdInvitationSchema = z.object({
  invitation: invitationSchema,
  link: z.string(),
  emailed: z.boolean(),
})

export const invitationTokenParam = z.object({ token: z.string().min(10).max(200) }).strict()
export const invitationPreviewSchema = z.object({
  workspace: z.object({ name: z.string(), slug: z.string() }),
  email: z.string(),
  role: roleSchema,
  invitedByName: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: timestamp,
  accountExists: z.boolean(),
})

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: roleSchema,
  prefix: z.string(),
  userEmail: z.string(),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  expiresAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
})
export const createApiTokenSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the token after the script that will use it.').max(80),
    role: roleSchema.optional(),
    expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
  })
  .strict()
export const createdApiTokenSchema = z.object({
  apiToken: apiTokenSchema,
  token: z.string().meta({ description: 'Shown once; store it now.' }),
})

export const auditQuerySchema = z
  .object({
    before: z.string().regex(/^\d+$/, 'before is the id of the last event of the previous page').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    action: z.enum(AUDIT_ACTIONS).optional(),
  })
  .strict()
export const auditEventSchema = z.object({
  id: z.string(),
  actorUserId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string().optional(),
  targetId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: timestamp,
})
export const auditPageSchema = z.object({
  events: z.array(auditEventSchema),
  nextBefore: z.string().nullable(),
})

export const healthSchema = z.object({
  status: z.literal('ok'),
  database: z.enum(['embedded', 'postgres']),
  version: z.string(),
  uptimeSeconds: z.number(),
})
