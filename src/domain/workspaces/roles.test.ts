import { describe, expect, it } from 'vitest'
import { DomainError } from '../errors.ts'
import { authorize, can, ROLES, tokenActsAs, tokenRoleAllowed } from './roles.ts'

describe('roles', () => {
  it('lets every role read the people of its workspace but only admins manage them', () => {
    for (const role of ROLES) {
      expect(can({ userId: 'u', label: 'u', role }, 'members.read')).toBe(true)
      expect(can({ userId: 'u', label: 'u', role }, 'members.manage')).toBe(role === 'admin')
    }
  })

  it('refuses with a forbidden error that says what to do', () => {
    const err = (() => {
      try {
        authorize({ userId: 'u', label: 'u', role: 'sales' }, 'audit.read')
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(DomainError)
    expect((err as DomainError).code).toBe('forbidden')
    expect((err as DomainError).message).toMatch(/ask an admin/)
  })

  it('allows a token role no wider than its owner’s', () => {
    expect(tokenRoleAllowed('admin', 'marketing')).toBe(true)
    expect(tokenRoleAllowed('sales', 'sales')).toBe(true)
    expect(tokenRoleAllowed('sales', 'admin')).toBe(false)
    expect(tokenRoleAllowed('leader', 'service')).toBe(false)
  })

  it('acts with the owner’s role as it is now, never the one it was made with', () => {
    for (const made of ROLES) {
      for (const now of ROLES) {
        // made with the owner's own role: follows every change, up, down and sideways
        expect(tokenActsAs({ role: made, followsMember: true }, now)).toBe(now)
      }
    }
    // narrowed on purpose by an admin: stays narrow, and stops once its owner can no longer hand it out
    expect(tokenActsAs({ role: 'marketing', followsMember: false }, 'admin')).toBe('marketing')
    expect(tokenActsAs({ role: 'marketing', followsMember: false }, 'marketing')).toBe('marketing')
    expect(tokenActsAs({ role: 'marketing', followsMember: false }, 'sales')).toBeNull()
    expect(tokenActsAs({ role: 'sales', followsMember: true }, null)).toBeNull()
  })
})
