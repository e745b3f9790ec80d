import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import type { WorkspaceDeps } from './ports.ts'
import { type Actor, authorize, ROLE_LABELS, type Role } from './roles.ts'
import { type Invitation, invitationStatus, normaliseEmail } from './workspace.ts'

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000

/** The invitation email, in the words the invited colleague reads. */
export const invitationEmail = (i: {
  to: string
  inviterName: string
  workspaceName: string
  role: Role
  link: string
}) => ({
  to: i.to,
  subject: `${i.inviterName} invited you to ${i.workspaceName} on Dazzle`,
  text: `Hello,\n\n${i.inviterName} invited you to join ${i.workspaceName} on Dazzle as ${ROLE_LABELS[i.role]}.\n\nAccept within 7 days:\n${i.link}\n`,
})

/** An admin invites a colleague by email with a role; the raw token exists only in the returned link. */
export const inviteMember = async (
  deps: WorkspaceDeps,
  actor: Actor,
  input: { email: string; role: Role },
): Promise<{ invitation: Invitation; token: string }> => {
  authorize(actor, 'invitations.manage')
  const email = normaliseEmail(input.email)
  if (await deps.store.findMemberByEmail(email)) {
    throw new DomainError('already_member', `${email} is already a member of this workspace.`)
  }
  const now = deps.clock.now()
  // One live invitation per address: a new one replaces the old link.
  await deps.store.revokePendingInvitationsFor(email, now)
  const { token, hash } = deps.mint.newToken('inv')
  const invitation = await deps.store.insertInvitation({
    email,
    role: input.role,
    invitedBy: actor.userId,
    tokenHash: hash,
    expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
  })
  await deps.audit.record(
    actedBy(
      actor,
      'invitation.created',
      { type: 'invitation', id: invitation.id },
      { email, role: input.role },
    ),
  )
  return { invitation, token }
}

export const revokeInvitation = async (deps: WorkspaceDeps, actor: Actor, id: string) => {
  authorize(actor, 'invitations.manage')
  const inv = await deps.store.getInvitation(id)
  if (!inv) throw new DomainError('invitation_not_found', 'No such invitation in this workspace.')
  const status = invitationStatus(inv, deps.clock.now())
  if (status !== 'pending') {
    throw new DomainError('invitation_used', `This invitation is already ${status}.`)
  }
  await deps.store.revokeInvitation(id, deps.clock.now())
  await deps.audit.record(
    actedBy(actor, 'invitation.revoked', { type: 'invitation', id }, { email: inv.email }),
  )
}

/** The invited person, signed in with the invited address, joins with the invited role. */
export const acceptInvitation = async (
  deps: WorkspaceDeps,
  user: { id: string; email: string },
  invitation: Invitation,
) => {
  const status = invitationStatus(invitation, deps.clock.now())
  if (status === 'expired') {
    throw new DomainError('invitation_expired', 'This invitation has expired: ask an admin for a new one.')
  }
  if (status !== 'pending') {
    throw new DomainError('invitation_used', `This invitation was ${status}: ask an admin for a new one.`)
  }
  if (normaliseEmail(user.email) !== invitation.email) {
    throw new DomainError(
      'invitation_email_mismatch',
      `This invitation is for ${invitation.email}; you are signed in as ${user.email}. Sign in with the invited address.`,
    )
  }
  if (await deps.store.getMember(user.id)) {
    throw new DomainError('already_member', 'You are already a member of this workspace.')
  }
  await deps.store.addMember(user.id, invitation.role)
  await deps.store.markInvitationAccepted(invitation.id, user.id, deps.clock.now())
  await deps.audit.record({
    actorUserId: user.id,
    actorLabel: user.email,
    action: 'invitation.accepted',
    targetType: 'invitation',
    targetId: invitation.id,
    details: { email: invitation.email, role: invitation.role },
  })
  return { role: invitation.role }
}
