import { describe, expect, it } from 'vitest'
import type { AuditEventInput } from '../audit/audit-event.ts'
import { fixedClock } from '../clock.ts'
import { changeMemberRole, removeMember } from './change-member-role.ts'
import { createApiToken, shouldAuditTokenUse } from './create-api-token.ts'
import { acceptInvitation, inviteMember } from './invite-member.ts'
import type { WorkspaceStore } from './ports.ts'
import type { Role } from './roles.ts'
import type { ApiToken, Invitation, Member } from './workspace.ts'

/** An in-memory workspace: a fake of the port, not a call-recording mock. */
const memoryWorkspace = (members: Array<Pick<Member, 'userId' | 'email' | 'role'>>) => {
  const ms: Member[] = members.map((m) => ({ ...m, name: m.email, joinedAt: new Date(), leaderUserId: null }))
  const invitations: Array<Invitation & { tokenHash: string }> = []
  const tokens: ApiToken[] = []
  const store: WorkspaceStore = {
    workspaceId: 'w1',
    getWorkspace: async () => ({ id: 'w1', slug: 'w', name: 'W', createdAt: new Date() }),
    listMembers: async () => ms,
    getMember: async (id) => ms.find((m) => m.userId === id) ?? null,
    findMemberByEmail: async (e) => ms.find((m) => m.email === e) ?? null,
    addMember: async (userId, role) => {
      ms.push({ userId, role, email: userId, name: userId, joinedAt: new Date(), leaderUserId: null })
    },
    setMemberRole: async (id, role) => {
      ms.find((m) => m.userId === id)!.role = role
    },
    removeMember: async (id) => {
      ms.splice(
        ms.findIndex((m) => m.userId === id),
        1,
      )
    },
    countAdmins: async () => ms.filter((m) => m.role === 'admin').length,
    reportingLines: async () =>
      ms.flatMap((m) => (m.leaderUserId ? [{ userId: m.userId, leaderUserId: m.leaderUserId }] : [])),
    setLeader: async (id, leaderUserId) => {
      ms.find((m) => m.userId === id)!.leaderUserId = leaderUserId
    },
    listInvitations: async () => invitations,
    getInvitation: async (id) => invitations.find((i) => i.id === id) ?? null,
    insertInvitation: async (i) => {
      const inv = {
        ...i,
        id: `i${invitations.length}`,
        invitedByName: null,
        acceptedAt: null,
        revokedAt: null,
        createdAt: new Date(),
      }
      invitations.push(inv)
      return inv
    },
    markInvitationAccepted: async (id, _u, at) => {
      invitations.find((i) => i.id === id)!.acceptedAt = at
    },
    revokeInvitation: async (id, at) => {
      invitations.find((i) => i.id === id)!.revokedAt = at
    },
    revokePendingInvitationsFor: async (email, at) => {
      for (const i of invitations) if (i.email === email && !i.acceptedAt) i.revokedAt = at
    },
    listApiTokens: async () => tokens,
    getApiToken: async (id) => tokens.find((t) => t.id === id) ?? null,
    insertApiToken: async (t) => {
      const tok = {
        ...t,
        id: `t${tokens.length}`,
        userEmail: '',
        createdAt: new Date(),
        lastUsedAt: null,
        revokedAt: null,
      }
      tokens.push(tok)
      return tok
    },
    revokeApiToken: async (id, at) => {
      tokens.find((t) => t.id === id)!.revokedAt = at
    },
  }
  const events: AuditEventInput[] = []
  const clock = fixedClock('2026-11-24T09:00:00Z')
  let n = 0
  const mint = {
    newToken: (p: string) => ({ token: `${p}_secret${++n}`, hash: `hash${n}`, display: `${p}_…` }),
    hash: (t: string) => `hash-of-${t}`,
  }
  return {
    store,
    audit: { record: async (e: AuditEventInput) => void events.push(e) },
    clock,
    mint,
    events,
    ms,
  }
}

const admin = { userId: 'a', label: 'a@x.test', role: 'admin' as Role }

describe('changing roles', () => {
  it('records who changed whose role from what to what', async () => {
    const w = memoryWorkspace([
      { userId: 'a', email: 'a@x.test', role: 'admin' },
      { userId: 'b', email: 'b@x.test', role: 'sales' },
    ])
    await changeMemberRole(w, admin, { userId: 'b', role: 'leader' })
    expect(w.ms.find((m) => m.userId === 'b')!.role).toBe('leader')
    expect(w.events).toEqual([
      expect.objectContaining({
        action: 'member.role_changed',
        details: { email: 'b@x.test', from: 'sales', to: 'leader' },
      }),
    ])
  })

  it('never leaves a workspace without an admin', async () => {
    const w = memoryWorkspace([{ userId: 'a', email: 'a@x.test', role: 'admin' }])
    await expect(changeMemberRole(w, admin, { userId: 'a', role: 'sales' })).rejects.toMatchObject({
      code: 'last_admin',
    })
    await expect(removeMember(w, admin, 'a')).rejects.toMatchObject({ code: 'last_admin' })
  })

  it('lets a person leave a workspace themselves', async () => {
    const w = memoryWorkspace([
      { userId: 'a', email: 'a@x.test', role: 'admin' },
      { userId: 'b', email: 'b@x.test', role: 'sales' },
    ])
    await removeMember(w, { userId: 'b', label: 'b', role: 'sales' }, 'b')
    expect(w.ms.map((m) => m.userId)).toEqual(['a'])
  })
})

describe('invitations', () => {
  it('replaces an earlier pending invitation to the same address', async () => {
    const w = memoryWorkspace([{ userId: 'a', email: 'a@x.test', role: 'admin' }])
    const first = await inviteMember(w, admin, { email: 'New@X.test', role: 'sales' })
    const second = await inviteMember(w, admin, { email: 'new@x.test', role: 'service' })
    expect(first.invitation.email).toBe('new@x.test')
    await expect(
      acceptInvitation(w, { id: 'n', email: 'new@x.test' }, first.invitation),
    ).rejects.toMatchObject({
      code: 'invitation_used',
    })
    await acceptInvitation(w, { id: 'n', email: 'NEW@x.test' }, second.invitation)
    expect(w.ms.find((m) => m.userId === 'n')!.role).toBe('service')
  })

  it('expires seven days after it was sent', async () => {
    const w = memoryWorkspace([{ userId: 'a', email: 'a@x.test', role: 'admin' }])
    const { invitation } = await inviteMember(w, admin, { email: 'late@x.test', role: 'sales' })
    w.clock.advance(7 * 24 * 3600 * 1000)
    await expect(acceptInvitation(w, { id: 'l', email: 'late@x.test' }, invitation)).rejects.toMatchObject({
      code: 'invitation_expired',
    })
  })
})

describe('API tokens', () => {
  it('defaults the token role to the creator’s and sets an expiry when asked', async () => {
    const w = memoryWorkspace([{ userId: 'a', email: 'a@x.test', role: 'admin' }])
    const { apiToken, token } = await createApiToken(w, admin, { name: 'ERP', expiresInDays: 30 })
    expect(apiToken.role).toBe('admin')
    expect(token).toMatch(/^dzl_/)
    expect(apiToken.expiresAt!.toISOString()).toBe('2026-12-24T09:00:00.000Z')
  })

  it('audits token use at most once an hour', () => {
    const now = new Date('2026-11-24T10:00:00Z')
    expect(shouldAuditTokenUse(null, now)).toBe(true)
    expect(shouldAuditTokenUse(new Date('2026-11-24T09:30:00Z'), now)).toBe(false)
    expect(shouldAuditTokenUse(new Date('2026-11-24T09:00:00Z'), now)).toBe(true)
  })
})
