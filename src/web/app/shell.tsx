import {
  AppShell,
  Avatar,
  Badge,
  Box,
  Burger,
  Button,
  Center,
  Divider,
  Group,
  Loader,
  Menu,
  NavLink,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconCheck, IconLogout, IconPlus, IconSelector } from '@tabler/icons-react'
import { useEffect, useMemo } from 'react'
import { Link, Navigate, Outlet, useLocation, useNavigate, useParams } from 'react-router'
import { NotificationBell } from '../features/notifications/notification-bell.tsx'
import { CaptureLauncher } from '../features/secrets/capture-dialog.tsx'
import { ApiError } from './api.ts'
import { useMe, useSignOut } from './auth.ts'
import { Brand } from './brand.tsx'
import { ColorSchemeToggle } from './color-scheme-toggle.tsx'
import { initials } from './format.ts'
import { AREAS, type NavItem, SETTINGS, visibleTo } from './nav.tsx'
import { ROLE_COLORS, ROLE_LABELS } from './roles.ts'
import { WorkspaceShortcuts } from './shortcuts.tsx'
import { ErrorPanel, WorkspaceNotFound } from './status-pages.tsx'
import type { Me } from './types.ts'
import { useWorkspace, WorkspaceContext, type WorkspaceContextValue } from './workspace-context.ts'

/** `/w/:slug/*`: who is here, in which workspace, with which role; then the frame around every area. */
export function WorkspaceShell() {
  const { slug = '' } = useParams()
  const location = useLocation()
  const me = useMe(slug)

  const value = useMemo<WorkspaceContextValue | null>(() => {
    const data = me.data
    if (!data?.workspace || !data.role) return null
    return { slug, me: data, workspace: data.workspace, role: data.role }
  }, [me.data, slug])

  if (me.isPending) {
    return (
      <Center mih="100dvh">
        <Loader />
      </Center>
    )
  }
  if (me.isError) {
    if (me.error instanceof ApiError && me.error.status === 404) return <WorkspaceNotFound slug={slug} />
    return <ErrorPanel error={me.error} onRetry={() => me.refetch()} />
  }
  if (!me.data) {
    return (
      <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
    )
  }
  if (!value) return <WorkspaceNotFound slug={slug} me={me.data} />

  return (
    <WorkspaceContext.Provider value={value}>
      <ShellLayout />
    </WorkspaceContext.Provider>
  )
}

function ShellLayout() {
  const [opened, { toggle, close }] = useDisclosure(false)
  const { pathname } = useLocation()
  const { slug, role } = useWorkspace()

  // a tap on a link closes the drawer on phones
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation on purpose
  useEffect(() => close(), [pathname, close])

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <WorkspaceShortcuts />
      <AppShell.Header>
        <Group h="100%" px={{ base: 'sm', sm: 'md' }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
            />
            <UnstyledButton component={Link} to={`/w/${slug}`} aria-label="Dazzle home">
              <Brand hideNameOnMobile />
            </UnstyledButton>
            <Divider orientation="vertical" mx={4} visibleFrom="sm" />
            <WorkspaceSwitcher />
          </Group>
          <Group gap="xs" wrap="nowrap">
            <CaptureLauncher />
            <NotificationBell />
            {/* on a phone it moves into the account menu: the workspace name needs the room */}
            <Box visibleFrom="sm">
              <ColorSchemeToggle />
            </Box>
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" aria-label="Main">
        {/* a scrollbar whenever the list is taller than the window: nothing hides behind the role box */}
        <AppShell.Section grow component={ScrollArea} type="auto">
          <Stack gap={2}>
            {AREAS.filter(visibleTo(role)).map((item) => (
              <ShellNavLink key={item.path} item={item} />
            ))}
          </Stack>
          <Text tt="uppercase" fz={11} fw={700} c="dimmed" px="sm" mt="lg" mb={6} lts={0.6}>
            Settings
          </Text>
          <Stack gap={2}>
            {SETTINGS.filter(visibleTo(role)).map((item) => (
              <ShellNavLink key={item.path} item={item} />
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <RoleCard />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Box maw={1120} mx="auto">
          <Outlet />
        </Box>
      </AppShell.Main>
    </AppShell>
  )
}

function ShellNavLink({ item }: { item: NavItem }) {
  const { slug } = useWorkspace()
  const { pathname } = useLocation()
  const to = item.path ? `/w/${slug}/${item.path}` : `/w/${slug}`
  const active = item.path
    ? pathname === to || pathname.startsWith(`${to}/`)
    : pathname.replace(/\/$/, '') === to
  const Icon = item.icon
  return (
    <NavLink
      component={Link}
      to={to}
      label={item.label}
      active={active}
      aria-current={active ? 'page' : undefined}
      leftSection={<Icon size={19} stroke={1.6} />}
      rightSection={
        item.soon ? (
          <Badge size="xs" variant="light" color="gray" radius="sm">
            Soon
          </Badge>
        ) : undefined
      }
      variant="light"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
      py={6}
      fw={500}
    />
  )
}

function RoleCard() {
  const { role, workspace } = useWorkspace()
  return (
    <Box
      p="sm"
      mt="sm"
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        background: 'light-dark(var(--mantine-color-violet-0), rgba(132, 94, 247, 0.08))',
      }}
    >
      <Text fz="xs" c="dimmed">
        Your role in {workspace.name}
      </Text>
      <Badge mt={6} color={ROLE_COLORS[role]} variant="light">
        {ROLE_LABELS[role]}
      </Badge>
    </Box>
  )
}

function WorkspaceSwitcher() {
  const { me, workspace } = useWorkspace()
  const navigate = useNavigate()
  return (
    <Menu position="bottom-start" width={290} shadow="md" withinPortal>
      <Menu.Target>
        <UnstyledButton
          px={{ base: 4, xs: 8 }}
          py={6}
          style={{ borderRadius: 'var(--mantine-radius-md)', minWidth: 0 }}
          title="Switch workspace"
          className="dazzle-switcher"
        >
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
            <Avatar size={26} radius="sm" color="violet" variant="filled" aria-hidden visibleFrom="xs">
              {initials(workspace.name)}
            </Avatar>
            {/* on a phone: the whole name on two lines rather than "No…" */}
            <Text fw={600} fz="sm" className="dazzle-workspace-name">
              {workspace.name}
            </Text>
            <Box visibleFrom="xs" component="span" lh={0} style={{ flexShrink: 0 }}>
              <IconSelector size={16} stroke={1.6} style={{ opacity: 0.6 }} aria-hidden />
            </Box>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Your workspaces</Menu.Label>
        {me.workspaces.map((w) => (
          <Menu.Item
            key={w.id}
            onClick={() => navigate(`/w/${w.slug}`)}
            leftSection={
              <Avatar
                size={24}
                radius="sm"
                color="violet"
                variant={w.slug === workspace.slug ? 'filled' : 'light'}
              >
                {initials(w.name)}
              </Avatar>
            }
            rightSection={
              w.slug === workspace.slug ? <IconCheck size={16} aria-label="current" /> : undefined
            }
          >
            <Text fz="sm" fw={500} truncate="end" maw={150}>
              {w.name}
            </Text>
            <Text fz="xs" c="dimmed">
              {ROLE_LABELS[w.role]}
            </Text>
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconPlus size={16} />} component={Link} to="/new-workspace">
          New workspace
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  )
}

function UserMenu() {
  const { me, role } = useWorkspace()
  const signOut = useSignOut()
  const navigate = useNavigate()
  return (
    <Popover position="bottom-end" width={280} shadow="md" withinPortal>
      <Popover.Target>
        {/* its name starts with what it shows, so "click ML" finds it too (WCAG 2.5.3) */}
        <UnstyledButton aria-label={`${initials(me.user.name)}, Account menu`} style={{ borderRadius: 999 }}>
          <Group gap={8} wrap="nowrap">
            <Avatar color={ROLE_COLORS[role]} radius="xl" size={34}>
              {initials(me.user.name)}
            </Avatar>
          </Group>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown p="md">
        <UserCard me={me} />
        <Group hiddenFrom="sm" justify="space-between" mt="sm">
          <Text fz="sm">Light or dark</Text>
          <ColorSchemeToggle />
        </Group>
        <Divider my="sm" />
        <Button
          fullWidth
          variant="default"
          leftSection={<IconLogout size={16} />}
          loading={signOut.isPending}
          onClick={() =>
            signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })
          }
        >
          Sign out
        </Button>
      </Popover.Dropdown>
    </Popover>
  )
}

function UserCard({ me }: { me: Me }) {
  const { role } = useWorkspace()
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Avatar color={ROLE_COLORS[role]} radius="xl">
        {initials(me.user.name)}
      </Avatar>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text fw={600} truncate="end">
          {me.user.name}
        </Text>
        <Text fz="sm" c="dimmed" truncate="end">
          {me.user.email}
        </Text>
        <Badge mt={4} color={ROLE_COLORS[role]} variant="light" w="fit-content">
          {ROLE_LABELS[role]}
        </Badge>
      </Stack>
    </Group>
  )
}
