import type { MantineColor } from '@mantine/core'
import { ROLE_LABELS, ROLES, type Role } from '../../domain/workspaces/roles.ts'

export { ROLE_LABELS, ROLES, type Role }

/** What each role hires Dazzle for (PRODUCT.md, "Who uses it"), said to the person. */
export const ROLE_JOBS: Record<Role, string> = {
  admin:
    'You run the workspace itself: people and roles, recovery plans and budgets, the surprise catalogue, imports, API tokens and webhooks.',
  leader:
    'You own the scoreboard: recoveries inside 24 hours, the WOW rate, loyalty after recovery and the secrets known about the customers that matter; your team’s performance plan, its bonuses, awards and stories, and the growth goal.',
  sales:
    "You're a secret agent: before a meeting, see what is known and which questions to ask next; right after it, record what you heard in seconds.",
  service:
    'You own the recovery: the moment an OOPS! happens, log it, watch the 24-hour clock, see every secret known about the customer at once and pick a fitting surprise within budget.',
  marketing:
    'You find every customer with a given secret ("who loves Pinot Noir?"), build audiences from them and follow the stream of new secrets as they are recorded.',
}

export const ROLE_COLORS: Record<Role, MantineColor> = {
  admin: 'grape',
  leader: 'indigo',
  sales: 'teal',
  service: 'orange',
  marketing: 'pink',
}

export const roleOptions = (roles: readonly Role[] = ROLES) =>
  roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))

export const isAdmin = (role: Role | null | undefined): boolean => role === 'admin'
