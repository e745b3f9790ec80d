import { Button, Group } from '@mantine/core'
import { IconBroadcast, IconSearch, IconUsersGroup } from '@tabler/icons-react'
import { Link, useLocation } from 'react-router'
import { useWorkspace } from '../../app/workspace-context.ts'

const TABS = [
  { path: '', label: 'Feed', icon: IconBroadcast },
  { path: '/search', label: 'Search', icon: IconSearch },
  { path: '/audiences', label: 'Audiences', icon: IconUsersGroup },
] as const

/** The parts of the secrets area: the live feed, search for marketing, saved audiences. */
export function SecretsTabs() {
  const { slug } = useWorkspace()
  const { pathname } = useLocation()
  const base = `/w/${slug}/secrets`
  const here = pathname.replace(/\/$/, '')
  return (
    <Group
      component="nav"
      aria-label="Secrets"
      gap={4}
      mb="lg"
      pb={6}
      wrap="nowrap"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)', overflowX: 'auto' }}
    >
      {TABS.map((t) => {
        const to = `${base}${t.path}`
        const active = t.path ? here === to || here.startsWith(`${to}/`) : here === base
        const Icon = t.icon
        return (
          <Button
            key={t.label}
            component={Link}
            to={to}
            aria-current={active ? 'page' : undefined}
            variant={active ? 'light' : 'subtle'}
            color={active ? undefined : 'gray'}
            leftSection={<Icon size={16} stroke={1.8} />}
            size="sm"
            style={{ flexShrink: 0 }}
          >
            {t.label}
          </Button>
        )
      })}
    </Group>
  )
}
