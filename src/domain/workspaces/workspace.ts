import { DomainError } from '../errors.ts'
import type { Role } from './roles.ts'

export interface Workspace {
  id: string
  slug: string
  name: string
  createdAt: Date
}

export interface Member {
  userId: string
  name: string
  email: string
  role: Role
  joinedAt: Date
  /** who they report to (another member), or null */
  leaderUserId: string | null
}

/** Who reports to whom: each member at most one leader, another member of the same workspace. */
export interface ReportingLine {
  userId: string
  leaderUserId: string
}

export interface Invitation {
  id: string
  email: string
  role: Role
  invitedBy: string | null
  invitedByName: string | null
  expiresAt: Date
  acceptedAt: Date | null
  revokedAt: Date | null
  createdAt: Date
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired'

export const invitationStatus = (
  inv: Pick<Invitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'>,
  now: Date,
): InvitationStatus =>
  inv.acceptedAt ? 'accepted' : inv.revokedAt ? 'revoked' : inv.expiresAt <= now ? 'expired' : 'pending'

export interface ApiToken {
  id: string
  userId: string
  userEmail: string
  name: string
  role: Role
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  expiresAt: Date | null
  revokedAt: Date | null
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/

/** "Northwind Outfitters!" → "northwind-outfitters". */
export const slugify = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '')

export const assertSlug = (slug: string): string => {
  if (!SLUG.test(slug)) {
    throw new DomainError(
      'invalid_input',
      'A workspace address uses 1–48 lowercase letters, digits and dashes, and starts and ends with a letter or digit.',
      { field: 'slug', value: slug },
    )
  }
  return slug
}

export const normaliseEmail = (email: string): string => email.trim().toLowerCase()
