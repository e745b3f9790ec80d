import { DomainError } from '../errors.ts'

/** The jobs people hire Dazzle for (PRODUCT.md, "Who uses it"). */
export const ROLES = ['admin', 'leader', 'sales', 'service', 'marketing'] as const
export type Role = (typeof ROLES)[number]

export const isRole = (v: unknown): v is Role =>
  typeof v === 'string' && (ROLES as readonly string[]).includes(v)

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  leader: 'Leader',
  sales: 'Sales (secret agent)',
  service: 'Service / recovery owner',
  marketing: 'Marketing',
}

/** What a role may do on workspace administration. Later areas add their own actions. */
export type WorkspaceAction =
  | 'members.read'
  | 'members.manage'
  | 'invitations.manage'
  | 'tokens.create'
  | 'tokens.manage_all'
  | 'audit.read'
  | 'workspace.settings'
  | 'customers.read'
  | 'customers.write'
  | 'value.read'
  | 'imports.run'
  | 'secrets.read'
  | 'secrets.write'
  | 'secrets.search'
  | 'secrets.manage_bank'
  | 'audiences.manage'
  | 'privacy.manage'
  | 'recovery.read'
  | 'recovery.write'
  | 'recovery.manage_plans'
  | 'webhooks.manage'
  | 'accountability.read_own'
  | 'accountability.read_team'
  | 'report_cards.send'
  | 'behaviours.manage'
  | 'bonus.manage'
  | 'accountability.settings'
  | 'awards.read'
  | 'awards.nominate'
  | 'awards.decide'
  | 'growth.read'
  | 'growth.manage'
  | 'depth.read_team'
  | 'wall.manage'
  | 'plans.read'
  | 'plans.set'

const GRANTS: Record<WorkspaceAction, readonly Role[]> = {
  'members.read': ROLES,
  'members.manage': ['admin'],
  'invitations.manage': ['admin'],
  'tokens.create': ROLES,
  'tokens.manage_all': ['admin'],
  'audit.read': ['admin'],
  'workspace.settings': ['admin'],
  // sales sees all customers of the workspace: secrets are shared, not hoarded
  'customers.read': ROLES,
  'customers.write': ['admin', 'leader', 'sales', 'service'],
  'value.read': ['admin', 'leader'],
  'imports.run': ['admin'],
  // sales gathers, service and marketing must be able to ask "what do we know?" (seed 004)
  'secrets.read': ROLES,
  'secrets.write': ['admin', 'leader', 'sales', 'service'],
  'secrets.search': ROLES,
  'secrets.manage_bank': ['admin'],
  'audiences.manage': ['admin', 'leader', 'marketing'],
  'privacy.manage': ['admin'],
  // whoever has the customer in front of them owns the screw-up and may act (seed 001)
  'recovery.read': ROLES,
  'recovery.write': ['admin', 'leader', 'sales', 'service'],
  'recovery.manage_plans': ['admin', 'leader'],
  'webhooks.manage': ['admin'],
  // every salesperson sees their own report card and bonus; leaders see the team's (seed 004)
  'accountability.read_own': ROLES,
  'accountability.read_team': ['admin', 'leader'],
  'report_cards.send': ['admin', 'leader', 'sales'],
  'behaviours.manage': ['admin'],
  'bonus.manage': ['admin', 'leader'],
  'accountability.settings': ['admin'],
  // recognition is posted for all; colleagues nominate, a leader decides (seeds 000, 001, 003)
  'awards.read': ROLES,
  'awards.nominate': ROLES,
  'awards.decide': ['admin', 'leader'],
  // how big to grow and whom to serve is the leaders' call (seed 001)
  'growth.read': ['admin', 'leader'],
  'growth.manage': ['admin', 'leader'],
  // the leader's view across key accounts; each account's own depth is on its page for everyone
  'depth.read_team': ['admin', 'leader'],
  // a wall link shows the workspace's figures to anyone in front of the TV: an admin's call
  'wall.manage': ['admin'],
  // a leader's plan is for them and those above them in the line (seed 003: accountability)
  'plans.read': ['admin', 'leader'],
  'plans.set': ['admin', 'leader'],
}

export interface Actor {
  userId: string
  /** how the audit trail names them: their email, or the token they used */
  label: string
  role: Role
}

export const can = (actor: Actor, action: WorkspaceAction): boolean => GRANTS[action].includes(actor.role)

/** Throws `forbidden` with a message a person can act on. */
export const authorize = (actor: Actor, action: WorkspaceAction): void => {
  if (!can(actor, action)) {
    throw new DomainError('forbidden', `Your role (${actor.role}) does not allow ${describe(action)}.`, {
      action,
      role: actor.role,
      allowed: GRANTS[action],
    })
  }
}

const describe = (action: WorkspaceAction): string =>
  ({
    'members.read': 'seeing the people of this workspace',
    'members.manage': 'changing people and roles; ask an admin',
    'invitations.manage': 'inviting people; ask an admin',
    'tokens.create': 'creating API tokens',
    'tokens.manage_all': "managing other people's API tokens; ask an admin",
    'audit.read': 'reading the audit trail; ask an admin',
    'workspace.settings': 'changing workspace settings; ask an admin',
    'customers.read': 'seeing customers',
    'customers.write': 'changing customers; ask a colleague in sales or service',
    'value.read': 'the value page; it is for leaders and admins',
    'imports.run': 'importing data; ask an admin',
    'secrets.read': 'reading secrets',
    'secrets.write': 'recording secrets; ask a colleague in sales or service',
    'secrets.search': 'searching secrets',
    'secrets.manage_bank': 'editing the categories and the question bank; ask an admin',
    'audiences.manage': 'saving and exporting audiences; ask marketing or an admin',
    'privacy.manage':
      'exporting or erasing everything about a customer, or changing privacy settings; ask an admin',
    'recovery.read': 'seeing recoveries',
    'recovery.write': 'opening or working on an OOPS!; ask a colleague in sales or service',
    'recovery.manage_plans': 'changing recovery plans and the surprise catalogue; ask a leader',
    'webhooks.manage': 'managing webhooks; ask an admin',
    'accountability.read_own': 'seeing your report card and bonus',
    'accountability.read_team': "seeing other people's report cards and bonus statements; ask a leader",
    'report_cards.send': 'sending report cards; ask a leader or the salesperson',
    'behaviours.manage': 'editing the report card’s behaviours; ask an admin',
    'bonus.manage': 'creating, closing or adjusting bonus plans; ask a leader',
    'accountability.settings': 'changing how effectiveness and bonuses are measured; ask an admin',
    'awards.read': 'seeing awards',
    'awards.nominate': 'nominating a secret for an award',
    'awards.decide': 'deciding awards; ask a leader',
    'growth.read': 'the growth goal and whom to serve; it is for leaders and admins',
    'growth.manage': 'setting the growth goal; ask a leader',
    'depth.read_team': 'the relationship depth across key accounts; it is for leaders and admins',
    'wall.manage': 'managing wall links and what the office wall shows; ask an admin',
    'plans.read': 'seeing leaders’ performance plans; they are for leaders and admins',
    'plans.set': 'setting a leader’s performance plan; it is set by their own leader or an admin',
  })[action]

/**
 * A token acts with a role no wider than its owner's: the owner's own role, or any role when the
 * owner is an admin (an admin may mint a read-only-ish "marketing" token for a script).
 */
export const tokenRoleAllowed = (ownerRole: Role, tokenRole: Role): boolean =>
  ownerRole === 'admin' || ownerRole === tokenRole

/**
 * The role a token acts with now, from its owner's role as it is now, never the one it had when
 * the token was made: a token made with the owner's own role follows it (demoted, it can do
 * exactly what the new role allows); one an admin narrowed on purpose keeps its narrower role while
 * the owner may still hand it out, and stops working (null) once they may not.
 */
export const tokenActsAs = (
  token: { role: Role; followsMember: boolean },
  ownerRole: Role | null,
): Role | null => {
  if (!ownerRole) return null
  if (token.followsMember) return ownerRole
  return tokenRoleAllowed(ownerRole, token.role) ? token.role : null
}
