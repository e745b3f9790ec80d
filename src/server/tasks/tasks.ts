import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { buildValueReport } from '../../db/value.store.ts'
import { DomainError } from '../../domain/errors.ts'
import { createApiToken } from '../../domain/workspaces/create-api-token.ts'
import { createWorkspace } from '../../domain/workspaces/create-workspace.ts'
import type { ROLES } from '../../domain/workspaces/roles.ts'
import { normaliseEmail } from '../../domain/workspaces/workspace.ts'
import { emailSchema, passwordSchema, roleSchema } from '../../schemas/workspaces.schemas.ts'
import type { ServerDeps } from '../deps.ts'
import { runInWorkspace } from '../in-workspace.ts'

/**
 * Operator tasks behind `dazzle <command>`. The same code runs in the CLI process (when it may open
 * the database) or inside the running server (when the server holds the embedded data folder).
 */
export interface Task<A extends z.ZodType> {
  args: A
  run(deps: ServerDeps, args: z.output<A>): Promise<{ output: string; data?: unknown }>
}
const task = <A extends z.ZodType>(t: Task<A>) => t

const workspaceSlug = z.string().trim().toLowerCase().min(1, 'Name the workspace with --workspace.')

const findWorkspace = async (deps: ServerDeps, slug: string) => {
  const ws = await deps.identity.workspaceBySlug(slug)
  if (!ws) throw new DomainError('workspace_not_found', `There is no workspace "${slug}".`)
  return ws
}

const findUser = async (deps: ServerDeps, email: string) => {
  const user = await deps.identity.userByEmail(normaliseEmail(email))
  if (!user) throw new DomainError('user_not_found', `There is no person with the email ${email}.`)
  return user
}

/** Creates (or finds) a person by email with a password, and puts them in the workspace with the role. */
export const createUserInWorkspace = async (
  deps: ServerDeps,
  a: {
    workspace: string
    email: string
    password: string
    role: (typeof ROLES)[number]
    name?: string | undefined
  },
  actorLabel = 'dazzle CLI',
) => {
  const email = normaliseEmail(a.email)
  const lines: string[] = []
  let user = await deps.identity.userByEmail(email)
  if (!user) {
    const ctx = await deps.auth.$context
    const created = await ctx.internalAdapter.createUser(
      { email, name: a.name ?? email.split('@')[0]!, emailVerified: false },
      { method: 'admin' },
    )
    await ctx.internalAdapter.linkAccount({
      userId: created.id,
      providerId: 'credential',
      accountId: created.id,
      password: await ctx.password.hash(a.password),
    })
    user = { id: created.id, name: created.name, email: created.email }
    lines.push(`Created ${email}.`)
  } else {
    lines.push(`${email} already exists; password left unchanged.`)
  }
  let ws = await deps.identity.workspaceBySlug(a.workspace)
  if (!ws) {
    const name = a.workspace.charAt(0).toUpperCase() + a.workspace.slice(1)
    ws = await createWorkspace(
      { registry: deps.identity, newId: randomUUID, clock: deps.clock },
      user,
      { name, slug: a.workspace },
      { actorUserId: null, actorLabel, details: { firstAdmin: email } },
    )
    lines.push(`Created workspace ${ws.slug}.`)
  }
  const wsId = ws.id
  const u = user
  await runInWorkspace(deps, null, wsId, async ({ store, audit }) => {
    // the task acts for no one: the audit names the machine it ran on
    const audited = (action: 'member.added' | 'member.role_changed', details: Record<string, unknown>) =>
      audit.record({ actorUserId: null, actorLabel, action, targetType: 'user', targetId: u.id, details })
    const member = await store.getMember(u.id)
    if (!member) {
      await store.addMember(u.id, a.role)
      await audited('member.added', { email, role: a.role })
    } else if (member.role !== a.role) {
      await store.setMemberRole(u.id, a.role)
      await audited('member.role_changed', { email, from: member.role, to: a.role })
    }
  })
  lines.push(`${email} is ${a.role} in ${ws.slug}.`)
  return { user: u, workspace: ws, output: lines.join('\n') }
}

export const TASKS = {
  'user.create': task({
    args: z.object({
      workspace: workspaceSlug,
      email: emailSchema,
      password: passwordSchema,
      role: roleSchema.default('admin'),
      name: z.string().trim().min(1).max(120).optional(),
    }),
    async run(deps, a) {
      const r = await createUserInWorkspace(deps, a)
      return { output: r.output, data: { userId: r.user.id, workspace: r.workspace.slug } }
    },
  }),
  'token.create': task({
    args: z.object({
      workspace: workspaceSlug,
      email: emailSchema,
      role: roleSchema.optional(),
      name: z.string().trim().min(1).max(80).default('CLI token'),
    }),
    async run(deps, a) {
      const ws = await findWorkspace(deps, a.workspace)
      const user = await findUser(deps, a.email)
      const { token } = await runInWorkspace(deps, null, ws.id, async (w) => {
        const member = await w.store.getMember(user.id)
        if (!member) throw new DomainError('member_not_found', `${user.email} is not a member of ${ws.slug}.`)
        return createApiToken(
          w,
          { userId: user.id, role: member.role, label: `${user.email} (CLI)` },
          {
            name: a.name,
            role: a.role,
          },
        )
      })
      return { output: token }
    },
  }),
  'value.report': task({
    args: z.object({ workspace: workspaceSlug }),
    async run(deps, a) {
      const figures = await valueReport(deps, a.workspace)
      return { output: JSON.stringify(figures), data: figures }
    },
  }),
} as const

export type TaskName = keyof typeof TASKS
export const isTaskName = (n: string): n is TaskName => n in TASKS

/** Validates the arguments with the task's schema and runs it. */
export const runTask = async (deps: ServerDeps, name: TaskName, rawArgs: unknown) => {
  const t = TASKS[name] as Task<z.ZodType>
  const parsed = t.args.safeParse(rawArgs)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new DomainError(
      'invalid_input',
      `--${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`,
      {
        issues: parsed.error.issues,
      },
    )
  }
  return t.run(deps, parsed.data)
}

/** The value figures of a workspace: customers, tiers, concentration. */
export const valueReport = async (deps: ServerDeps, slug: string) => {
  const ws = await findWorkspace(deps, slug)
  return runInWorkspace(deps, null, ws.id, async ({ trx }) => {
    const r = await buildValueReport(trx, ws.id)
    const { pareto: _pareto, ...figures } = r
    return figures
  })
}
