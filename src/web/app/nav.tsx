import {
  IconAddressBook,
  IconChartPie,
  IconFileImport,
  IconHistory,
  IconHome,
  IconKey,
  IconLifebuoy,
  IconLockHeart,
  IconTrophy,
  IconUsersGroup,
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
    path: 'secrets',
    label: 'Secrets',
    icon: IconLockHeart,
    description:
      'The secrets layer: what each customer wants, covets and dreams of, recorded as you hear it.',
    soon: true,
  },
  {
    path: 'recoveries',
    label: 'Recoveries',
    icon: IconLifebuoy,
    description:
      'Every OOPS! on its 24-hour clock: fix it fast, then surprise the customer with something personal.',
    soon: true,
  },
  {
    path: 'scoreboard',
    label: 'Scoreboard',
    icon: IconTrophy,
    description:
      'Recoveries inside 24 h, WOW rate, loyalty after recovery and secrets known, posted for all.',
    soon: true,
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
    path: 'settings/audit',
    label: 'Audit trail',
    icon: IconHistory,
    description: 'Who did what, when and from where.',
    adminOnly: true,
  },
]

export const visibleTo = (role: Role) => (item: NavItem) =>
  (!item.adminOnly || role === 'admin') && (!item.roles || item.roles.includes(role))
