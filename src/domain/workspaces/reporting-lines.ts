import { actedBy } from '../audit/audit-event.ts'
import { DomainError } from '../errors.ts'
import type { WorkspaceDeps } from './ports.ts'
import { type Actor, authorize } from './roles.ts'
import type { Member, ReportingLine } from './workspace.ts'

export type { ReportingLine }

/** The leaders above `userId`, nearest first; stops at a repeat, so a damaged table cannot loop. */
export const lineAbove = (lines: readonly ReportingLine[], userId: string): string[] => {
  const leaderOf = new Map(lines.map((l) => [l.userId, l.leaderUserId]))
  const above: string[] = []
  const seen = new Set([userId])
  for (let at = leaderOf.get(userId); at !== undefined && !seen.has(at); at = leaderOf.get(at)) {
    above.push(at)
    seen.add(at)
  }
  return above
}

/** Everyone who reports to `leaderUserId`, directly (depth 1) or through others, nearest first. */
export const teamBelow = (
  lines: readonly ReportingLine[],
  leaderUserId: string,
): { userId: string; leaderUserId: string; depth: number }[] => {
  const team: { userId: string; leaderUserId: string; depth: number }[] = []
  const seen = new Set([leaderUserId])
  let level = [leaderUserId]
  for (let depth = 1; level.length > 0; depth++) {
    const next: string[] = []
    for (const l of lines) {
      if (level.includes(l.leaderUserId) && !seen.has(l.userId)) {
        seen.add(l.userId)
        team.push({ userId: l.userId, leaderUserId: l.leaderUserId, depth })
        next.push(l.userId)
      }
    }
    level = next
  }
  return team
}

/**
 * An admin says who a member reports to (or that they report to nobody). The leader must be
 * another member of this workspace, and the line may not come back round: if B already reports
 * (through anyone) to A, A cannot report to B. Refused before anything is stored.
 */
export const setMemberLeader = async (
  deps: Pick<WorkspaceDeps, 'store' | 'audit'>,
  actor: Actor,
  input: { userId: string; leaderUserId: string | null },
): Promise<Member> => {
  authorize(actor, 'members.manage')
  const member = await deps.store.getMember(input.userId)
  if (!member) throw new DomainError('member_not_found', 'That person is not a member of this workspace.')
  const { leaderUserId } = input
  if (leaderUserId === member.leaderUserId) return member
  let leader: Member | null = null
  if (leaderUserId !== null) {
    if (leaderUserId === member.userId) {
      throw new DomainError('invalid_input', `${member.name} cannot be their own leader.`, {
        field: 'leaderUserId',
        reason: 'self',
      })
    }
    leader = await deps.store.getMember(leaderUserId)
    if (!leader) {
      throw new DomainError(
        'invalid_input',
        'The leader must be a member of this workspace: invite them first, then choose them.',
        { field: 'leaderUserId', reason: 'not_a_member' },
      )
    }
    const above = lineAbove(await deps.store.reportingLines(), leaderUserId)
    if (above.includes(member.userId)) {
      const members = new Map((await deps.store.listMembers()).map((m) => [m.userId, m.name]))
      const loop = [leaderUserId, ...above.slice(0, above.indexOf(member.userId) + 1)]
      throw new DomainError(
        'invalid_input',
        `${leader.name} already reports to ${member.name} (${loop
          .map((id) => members.get(id) ?? 'a former member')
          .join(' → ')}): a reporting line cannot go round in a circle.`,
        { field: 'leaderUserId', reason: 'cycle', loop },
      )
    }
  }
  const from = member.leaderUserId ? await deps.store.getMember(member.leaderUserId) : null
  await deps.store.setLeader(member.userId, leaderUserId, actor.userId)
  await deps.audit.record(
    actedBy(
      actor,
      'member.leader_changed',
      { type: 'user', id: member.userId },
      { email: member.email, from: from?.name ?? 'nobody', to: leader?.name ?? 'nobody' },
    ),
  )
  return { ...member, leaderUserId }
}

/** What any member sees of their place in the lines: who they report to, and who reports to them. */
export const readMyTeam = async (deps: Pick<WorkspaceDeps, 'store'>, actor: Actor) => {
  const [members, lines] = await Promise.all([deps.store.listMembers(), deps.store.reportingLines()])
  const byId = new Map(members.map((m) => [m.userId, m]))
  const me = byId.get(actor.userId)
  const leader = me?.leaderUserId ? (byId.get(me.leaderUserId) ?? null) : null
  const team = teamBelow(lines, actor.userId).flatMap((t) => {
    const m = byId.get(t.userId)
    return m ? [{ ...m, depth: t.depth }] : []
  })
  return { leader, team }
}
