import { AUDIT_ACTIONS, type AuditAction } from '../../../domain/audit/audit-event.ts'
import { ROLE_LABELS } from '../../app/roles.ts'
import type { AuditEvent } from '../../app/types.ts'

export { AUDIT_ACTIONS }

/** Each action in words a person reads at a glance. */
export const ACTION_LABELS: Record<AuditAction, string> = {
  'auth.sign_in': 'Signed in',
  'auth.sign_out': 'Signed out',
  'auth.password_reset': 'Reset their password',
  'workspace.created': 'Created the workspace',
  'member.added': 'Added a member',
  'member.role_changed': 'Changed a role',
  'member.removed': 'Removed a member',
  'member.leader_changed': 'Changed who someone reports to',
  'invitation.created': 'Invited someone',
  'invitation.revoked': 'Revoked an invitation',
  'invitation.accepted': 'Accepted an invitation',
  'api_token.created': 'Created an API token',
  'api_token.revoked': 'Revoked an API token',
  'api_token.used': 'Used an API token',
  'secret.recorded': 'Recorded a secret',
  'secret.changed': 'Changed a secret',
  'secret.deleted': 'Deleted a secret',
  'secrets.read_manual': 'Read a secrets manual',
  'secrets.read_known': 'Asked what we know',
  'secrets.read_feed': 'Read the live feed of secrets',
  'secrets.searched': 'Searched secrets',
  'secrets.exported': 'Exported secrets',
  'secrets.imported': 'Imported secrets',
  'audience.saved': 'Saved an audience',
  'audience.removed': 'Deleted an audience',
  'secret_bank.changed': 'Changed the categories or questions of secrets',
  'engagement.logged': 'Logged a meeting, call or visit',
  'engagement.changed': 'Changed a meeting, call or visit',
  'engagement.removed': 'Removed a meeting, call or visit',
  'customer.consent_recorded': 'Recorded consent',
  'customer.exported': 'Exported all data on a customer',
  'customer.erased': 'Erased a customer',
  'customer.created': 'Added a customer',
  'customer.changed': 'Changed a customer',
  'customer.person_added': 'Added a person to a customer',
  'customer.person_changed': 'Changed a person of a customer',
  'customer.person_removed': 'Removed a person from a customer',
  'customer.relation_added': 'Added family or a key person to a customer',
  'customer.relation_removed': 'Removed family or a key person from a customer',
  'customers.imported': 'Imported customers',
  'workspace.settings_changed': 'Changed workspace settings',
  'oops.opened': 'Opened an OOPS!',
  'oops.handed_over': 'Handed an OOPS! on',
  'oops.step_recorded': 'Recorded a recovery step',
  'oops.fixed': 'Recorded the fix',
  'oops.surprised': 'Recorded the surprise',
  'oops.closed': 'Closed an OOPS!',
  'oops.feedback_received': 'Customer answered "did we blow you away?"',
  'oops.imported': 'Imported past OOPS! cases',
  'recovery_plan.changed': 'Changed a recovery plan',
  'surprise_catalogue.changed': 'Changed the surprise catalogue',
  'webhook.changed': 'Changed a webhook',
  'behaviour.added': 'Added a report-card behaviour',
  'behaviour.changed': 'Changed a report-card behaviour',
  'behaviours.reordered': 'Reordered the report-card behaviours',
  'accountability.settings_changed': 'Changed how effectiveness and bonuses are measured',
  'report_card.sent': 'Sent a customer report card',
  'report_card.reminded': 'Reminded a customer of their report card',
  'report_card.answered': 'Customer answered a report card',
  'report_cards.read': 'Read report cards',
  'bonus_plan.created': 'Created a bonus plan',
  'bonus_plan.changed': 'Changed a bonus plan',
  'bonus_plan.removed': 'Removed a bonus plan',
  'bonus_plan.closed': 'Closed a bonus period',
  'bonus_statement.adjusted': 'Adjusted a bonus statement',
  'bonus_statement.read': 'Read a bonus statement',
  'bonus_statements.exported': 'Exported bonus statements',
  'award.nominated': 'Nominated a secret for secret agent of the month',
  'award.decided': 'Decided an award',
  'awards.read': 'Read awards with their secrets',
  'growth_goal.set': 'Set the growth goal',
  'story.published': 'Published a recovery story',
  'story.edited': 'Changed a recovery story',
  'story.deleted': 'Took down a recovery story',
  'moment.found': 'Looked for WOW moments',
  'moment.acted': 'Acted on a WOW moment',
  'moment.dismissed': 'Dismissed a WOW moment',
  'moment.reminded': 'Reminded the owner of a WOW moment',
  'relationship_depth.clue_marked': 'Marked a relationship clue',
  'performance_plan.set': 'Set a leader’s performance plan',
  'performance_plan.changed': 'Changed a leader’s performance plan',
  'performance_plan.closed': 'Closed a leader’s performance plan',
  'wall_link.created': 'Created a wall link',
  'wall_link.revoked': 'Revoked a wall link',
  'wall.settings_changed': 'Changed what the wall shows',
  'wall.read': 'The wall showed secret text',
}

export const ACTION_COLORS: Record<string, string> = {
  auth: 'gray',
  workspace: 'violet',
  member: 'indigo',
  invitation: 'grape',
  api_token: 'cyan',
  secret: 'teal',
  secrets: 'teal',
  secret_bank: 'teal',
  audience: 'yellow',
  engagement: 'blue',
  customer: 'orange',
  customers: 'orange',
  oops: 'red',
  behaviour: 'lime',
  behaviours: 'lime',
  accountability: 'violet',
  report_card: 'pink',
  report_cards: 'pink',
  bonus_plan: 'green',
  bonus_statement: 'green',
  bonus_statements: 'green',
  recovery_plan: 'pink',
  surprise_catalogue: 'pink',
  webhook: 'cyan',
}

export const actionLabel = (action: string): string =>
  (ACTION_LABELS as Record<string, string>)[action] ?? action.replace(/[._]/g, ' ')

export const actionColor = (action: string): string => ACTION_COLORS[action.split('.')[0] ?? ''] ?? 'gray'

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)
const role = (v: unknown): string | undefined => {
  const s = str(v)
  return s ? ((ROLE_LABELS as Record<string, string>)[s] ?? s) : undefined
}

/** What the event was about: a person's email, a token's name, a workspace's name… */
export const targetOf = (e: AuditEvent): string => {
  const d = e.details ?? {}
  const named = str(d.email) ?? str(d.name)
  if (named) return named
  if (e.targetType === 'user' && e.targetId && e.targetId === e.actorUserId) return 'themselves'
  if (e.targetType)
    return e.targetId ? `${e.targetType.replace('_', ' ')} ${e.targetId.slice(0, 8)}` : e.targetType
  return '—'
}

/** The rest of the details, in one short line. */
export const detailsOf = (e: AuditEvent): string => {
  const d = e.details ?? {}
  const parts: string[] = []
  const from = role(d.from)
  const to = role(d.to)
  if (from && to) parts.push(`${from} → ${to}`)
  else if (role(d.role)) parts.push(`as ${role(d.role)}`)
  if (str(d.prefix)) parts.push(`${String(d.prefix).replace(/…$/, '')}…`)
  if (str(d.slug)) parts.push(`/${d.slug}`)
  const shown = new Set(['email', 'name', 'from', 'to', 'role', 'prefix', 'slug'])
  for (const [k, v] of Object.entries(d)) {
    if (shown.has(k) || v === null || v === undefined) continue
    parts.push(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
  }
  return parts.join(' · ')
}
