import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import type { WorkspaceDeps } from './ports.ts'
import { type Actor, authorize, type Role } from './roles.ts'

/** An admin changes a colleague's role; the workspace never loses its last admin. */
export const changeMemberRole = async (
  deps: Pick<WorkspaceDeps, 'store' | 'audit'>,
  actor: Actor,
  input: { userId: string; role: Role },
) => {
  authorize(actor, 'members.manage')
  const member = await deps.store.getMember(input.userId)
  if (!member) throw new DomainError('member_not_found', 'That person is not a member of this workspace.')
  if (member.role === input.role) return member
  if (member.role === 'admin' && (await deps.store.countAdmins()) <= 1) {
    throw new DomainError('last_admin', 'This is the only admin: make someone else admin first.')
  }
  const from = member.role
  await deps.store.setMemberRole(input.userId, input.role)
  await deps.audit.record(
    actedBy(
      actor,
      'member.role_changed',
      { type: 'user', id: input.userId },
      { email: member.email, from, to: input.role },
    ),
  )
  return { ...member, role: input.role }
}

/** An admin removes someone (or a person leaves); the last admin cannot go. */
export const removeMember = async (
  deps: Pick<WorkspaceDeps, 'store' | 'audit'>,
  actor: Actor,
  userId: string,
) => {
  if (actor.userId !== userId) authorize(actor, 'members.manage')
  const member = await deps.store.getMember(userId)
  if (!member) throw new DomainError('member_not_found', 'That person is not a member of this workspace.')
  if (member.role === 'admin' && (await deps.store.countAdmins()) <= 1) {
    throw new DomainError('last_admin', 'This is the only admin: make someone else admin first.')
  }
  await deps.store.removeMember(userId)
  await deps.audit.record(
    actedBy(
      actor,
      'member.removed',
      { type: 'user', id: userId },
      { email: member.email, role: member.role },
    ),
  )
}
