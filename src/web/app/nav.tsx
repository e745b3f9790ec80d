import {
  IconAddressBook,
  IconAward,
  IconCake,
  IconChartPie,
  IconClipboardCheck,
  IconCoin,
  IconDeviceTv,
  IconFileImport,
  IconGift,
  IconHeartHandshake,
  IconHistory,
  IconHome,
  IconKey,
  IconLifebuoy,
  IconLockCog,
  IconLockHeart,
  IconScale,
  IconSpeakerphone,
  IconTargetArrow,
  IconTrendingUp,
  IconTrophy,
  IconUsersGroup,
  IconWebhook,
} from '@tabler/icons-react'
import type { ComponentType } from 'react'
import type { Role } from './roles.ts'

export interface NavItem {
  /** relative to /w/:slug */
  path: string
  label: string
  icon: ComponentType<{ size?: number; stroke?: number }>
  description: string
  soon?: boolean
  /** the API refuses others (403), so the UI does not offer it */
  adminOnly?: boolean
  /** only these roles see it (the API refuses the others) */
  roles?: readonly Role[]
}

export const AREAS: NavItem[] = [
  { path: '', label: 'Home', icon: IconHome, description: 'Your role and where to start.' },
  {
    path: 'customers',
    label: 'Customers',
    icon: IconAddressBook,
    description:
      'Every customer’s spend and purchases, ranked into value tiers; know the ones who matter by name, spouse and children.',
  },
  {
    path: 'value',
    label: 'Value',
    icon: IconChartPie,
    description:
      'The precious few who bring 80 % of revenue, how concentrated it is, and where wallet share is low enough to grow.',
    roles: ['leader', 'admin'],
  },
  {
    path: 'growth',
    label: 'Growth',
    icon: IconTrendingUp,
    description:
      'How big you want to grow, then whom to serve: whether a group of customers has the potential to deliver it.',
    roles: ['leader', 'admin'],
  },
  {
    path: 'depth',
    label: 'Relationship depth',
    icon: IconHeartHandshake,
    description:
      'How deep the trust runs with each key account, by four clues: who is climbing, who is slipping, and the clue to work on next.',
    roles: ['leader', 'admin'],
  },
  {
    path: 'secrets',
    label: 'Secrets',
    icon: IconLockHeart,
    description:
      'The secrets layer: what each customer wants, covets and dreams of, recorded as you hear it.',
  },
  {
    path: 'moments',
    label: 'Moments',
    icon: IconCake,
    description:
      'WOW moments of the best customers — a birthday in the family, a return after a long absence, a milestone — each with an act drawn from their secrets, before the day.',
  },
  {
    path: 'recoveries',
    label: 'Recoveries',
    icon: IconLifebuoy,
    description:
      'Every OOPS! on its 24-hour clock: fix it fast, then surprise the customer with something personal.',
  },
  {
    path: 'stories',
    label: 'Stories',
    icon: IconSpeakerphone,
    description:
      'How we put things right: each closed recovery’s story, told by its owner or a leader, cheered on by the team.',
  },
  {
    path: 'scoreboard',
    label: 'Scoreboard',
    icon: IconTrophy,
    description:
      'Recoveries inside 24 h, WOW rate, loyalty after recovery and secrets known, posted for all.',
  },
  {
    path: 'awards',
    label: 'Awards',
    icon: IconAward,
    description:
      'Secret agent of the month, recovery heroes and addicts, the secrets manual of the year: nominated, computed, decided by a leader.',
  },
  {
    path: 'performance-plans',
    label: 'Performance plans',
    icon: IconTargetArrow,
    description:
      'Each leader’s recovery expectations for their team, measured against the record as the period runs.',
    roles: ['leader', 'admin'],
  },
  {
    path: 'report-cards',
    label: 'Report cards',
    icon: IconClipboardCheck,
    description:
      'Customers rate each salesperson on the behaviours of a secret agent: per behaviour, overall and over time.',
  },
  {
    path: 'bonus',
    label: 'Bonus',
    icon: IconCoin,
    description:
      'Bonus plans with at least 25 % on secret gathering, and each person’s statement with the figures behind it.',
  },
]

export const SETTINGS: NavItem[] = [
  {
    path: 'settings/people',
    label: 'People & roles',
    icon: IconUsersGroup,
    description: 'Who is in the workspace and what each person may do.',
  },
  {
    path: 'settings/tokens',
    label: 'API tokens',
    icon: IconKey,
    description: 'Keys for scripts and integrations that call the Dazzle API.',
  },
  {
    path: 'settings/import',
    label: 'Import data',
    icon: IconFileImport,
    description: 'Bring customers and purchases in from CSV files, with a dry run first.',
    adminOnly: true,
  },
  {
    path: 'settings/secrets',
    label: 'Secrets & privacy',
    icon: IconLockCog,
    description: 'Secret categories, the question bank, and whether special categories may be recorded.',
    adminOnly: true,
  },
  {
    path: 'settings/report-card',
    label: 'Report card & bonus',
    icon: IconClipboardCheck,
    description:
      'The behaviours customers rate, and how secret-gathering effectiveness is measured and weighed in bonuses.',
    adminOnly: true,
  },
  {
    path: 'settings/recovery-plans',
    label: 'Recovery plans',
    icon: IconScale,
    description:
      'Per value tier or segment: the recovery window, report cadence, surprise budget and allowed actions.',
    roles: ['leader', 'admin'],
  },
  {
    path: 'settings/surprises',
    label: 'Surprise catalogue',
    icon: IconGift,
    description:
      'What we can offer when we put a mistake right, with the interests each item suits; kept by leaders and admins.',
  },
  {
    path: 'settings/webhooks',
    label: 'Webhooks',
    icon: IconWebhook,
    description:
      'Tell other systems when an OOPS! opens, turns at risk, breaches or closes, and when a secret is recorded.',
    adminOnly: true,
  },
  {
    path: 'settings/wall',
    label: 'Wall',
    icon: IconDeviceTv,
    description:
      'Links for a TV in the office: the scoreboard, stories and awards, live, without signing in.',
    adminOnly: true,
  },
  {
    path: 'settings/audit',
    label: 'Audit trail',
    icon: IconHistory,
    description: 'Who did what, when and from where.',
    adminOnly: true,
  },
]

export const visibleTo = (role: Role) => (item: NavItem) =>
  (!item.adminOnly || role === 'admin') && (!item.roles || item.roles.includes(role))
