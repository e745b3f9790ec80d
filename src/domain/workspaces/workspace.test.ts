import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DomainError } from '../errors.ts'
import { assertSlug, invitationStatus, slugify } from './workspace.ts'

describe('workspace addresses', () => {
  it('turns a name into an address', () => {
    expect(slugify('Northwind Outfitters!')).toBe('northwind-outfitters')
    expect(slugify('  Café  Déjà Vu ')).toBe('cafe-deja-vu')
  })

  it('always makes a valid address, or an empty one, from any name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const slug = slugify(name)
        if (slug) expect(assertSlug(slug)).toBe(slug)
      }),
    )
  })

  it('refuses addresses with capitals, spaces or edge dashes', () => {
    for (const bad of ['Acme', 'a b', '-acme', 'acme-', '', 'a'.repeat(49)]) {
      expect(() => assertSlug(bad)).toThrow(DomainError)
    }
  })
})

describe('invitation status', () => {
  const now = new Date('2026-11-24T12:00:00Z')
  const base = { acceptedAt: null, revokedAt: null, expiresAt: new Date('2026-11-25T12:00:00Z') }
  it('is pending until accepted, revoked or expired', () => {
    expect(invitationStatus(base, now)).toBe('pending')
    expect(invitationStatus({ ...base, acceptedAt: now }, now)).toBe('accepted')
    expect(invitationStatus({ ...base, revokedAt: now }, now)).toBe('revoked')
    expect(invitationStatus({ ...base, expiresAt: now }, now)).toBe('expired')
  })
})
