import { Badge, Text } from '@mantine/core'
import { RelativeTime } from './relative-time.tsx'

/** A key or link that can be revoked or run out: API tokens, wall links. */
export interface Revocable {
  revokedAt: string | null
  expiresAt: string | null
}
export type CredentialStatus = 'active' | 'revoked' | 'expired'

export const credentialStatus = (c: Revocable, now = Date.now()): CredentialStatus =>
  c.revokedAt ? 'revoked' : c.expiresAt && new Date(c.expiresAt).getTime() <= now ? 'expired' : 'active'

const STATUS: Record<CredentialStatus, { label: string; color: string }> = {
  active: { label: 'Active', color: 'teal' },
  revoked: { label: 'Revoked', color: 'gray' },
  expired: { label: 'Expired', color: 'orange' },
}

/** The status badge with when it was revoked, runs out or ran out; `openEnded` when it never does. */
export function CredentialStatusCell({ of, openEnded }: { of: Revocable; openEnded: string }) {
  const status = credentialStatus(of)
  return (
    <>
      <Badge color={STATUS[status].color} variant={status === 'active' ? 'light' : 'outline'}>
        {STATUS[status].label}
      </Badge>
      <Text fz="xs" c="dimmed" mt={4}>
        {status === 'revoked' && of.revokedAt ? (
          <>
            revoked <RelativeTime iso={of.revokedAt} inline />
          </>
        ) : of.expiresAt ? (
          <>
            {status === 'expired' ? 'expired' : 'expires'} <RelativeTime iso={of.expiresAt} inline />
          </>
        ) : (
          openEnded
        )}
      </Text>
    </>
  )
}

/** When it was last used or on screen, or "Never". */
export function LastSeenCell({ iso }: { iso: string | null }) {
  return iso ? (
    <RelativeTime iso={iso} />
  ) : (
    <Text fz="sm" c="dimmed" component="span">
      Never
    </Text>
  )
}
