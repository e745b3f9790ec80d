import { DomainError } from '../errors.ts'

/**
 * The wall (issue 12, part 6; seed 003: "post the results"): a kiosk link an admin makes for a TV in
 * the office. It reads, never writes; it names no person signed in; it answers for its own workspace
 * only; it can be revoked and may expire. Only the token's hash is stored (decision 019).
 */

/** Tokens start with this, so a leaked one is recognisable (and never mistaken for an API token). */
export const WALL_TOKEN_PREFIX = 'wall'
export const WALL_LIMITS = { name: 80, expiresInDays: 3650 } as const
/** An open wall stream per link at most this many at once (per instance): a TV or two, not a crowd. */
export const WALL_STREAMS_PER_LINK = 4

export interface WallLink {
  id: string
  name: string
  prefix: string
  /** the demo's link: its token is derived from the instance secret, so it can be opened again */
  demo: boolean
  createdBy: string | null
  createdByName: string | null
  createdAt: Date
  expiresAt: Date | null
  revokedAt: Date | null
  lastSeenAt: Date | null
}

export type WallLinkStatus = 'active' | 'revoked' | 'expired'

export const wallLinkStatus = (l: Pick<WallLink, 'revokedAt' | 'expiresAt'>, now: Date): WallLinkStatus =>
  l.revokedAt ? 'revoked' : l.expiresAt && l.expiresAt <= now ? 'expired' : 'active'

/** The name shown in the list and in the audit trail: trimmed, 1–80 characters. */
export const checkWallLinkName = (name: string): string => {
  const n = name.trim()
  if (!n) {
    throw new DomainError(
      'invalid_input',
      'Name the wall link after the screen it is for, e.g. “Office TV”.',
      {
        field: 'name',
      },
    )
  }
  if (n.length > WALL_LIMITS.name) {
    throw new DomainError(
      'invalid_input',
      `The name is ${n.length} characters; keep it to ${WALL_LIMITS.name}.`,
      { field: 'name', max: WALL_LIMITS.name },
    )
  }
  return n
}

/** Why a token does not open a wall, in words for whoever is standing at the TV. */
export const refuseWallLink = (why: 'unknown' | 'revoked' | 'expired'): DomainError =>
  why === 'unknown'
    ? new DomainError(
        'wall_link_invalid',
        'This wall link is not valid. Copy it again from Settings › Wall in Dazzle, exactly as shown.',
      )
    : why === 'revoked'
      ? new DomainError(
          'wall_link_revoked',
          'This wall link has been revoked by an admin. Ask them for a new link from Settings › Wall.',
        )
      : new DomainError(
          'wall_link_expired',
          'This wall link has expired. Ask an admin for a new link from Settings › Wall.',
        )
