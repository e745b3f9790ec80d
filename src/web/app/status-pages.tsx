import { Alert, Anchor, Button, Card, Center, EmptyState, Loader, Stack, Text } from '@mantine/core'
import { IconAlertCircle, IconCompassOff, IconLock } from '@tabler/icons-react'
import { Link, Navigate } from 'react-router'
import { errorMessage } from './api.ts'
import { useMe } from './auth.ts'
import { AuthLayout } from './auth-layout.tsx'
import type { Me } from './types.ts'

/** `/`: into the first workspace, to workspace creation, or to sign-in. */
export function RootRedirect() {
  const me = useMe()
  if (me.isPending) {
    return (
      <Center mih="100dvh">
        <Loader />
      </Center>
    )
  }
  if (me.isError) return <ErrorPanel error={me.error} onRetry={() => me.refetch()} />
  if (!me.data) return <Navigate to="/sign-in" replace />
  const first = me.data.workspaces[0]
  return <Navigate to={first ? `/w/${first.slug}` : '/new-workspace'} replace />
}

export function WorkspaceNotFound({ slug, me }: { slug: string; me?: Me }) {
  const fetched = useMe()
  const data = me ?? fetched.data
  const others = data?.workspaces ?? []
  return (
    <AuthLayout title="Workspace not found" subtitle={`There is no workspace “${slug}” that you belong to.`}>
      <Stack gap="sm">
        <Text fz="sm" c="dimmed">
          The link may be mistyped, or you may not have been invited yet.
        </Text>
        {others.map((w) => (
          <Button
            key={w.id}
            component={Link}
            to={`/w/${w.slug}`}
            variant="light"
            fullWidth
            justify="space-between"
          >
            Open {w.name}
          </Button>
        ))}
        <Button component={Link} to="/new-workspace" variant="default" fullWidth>
          Create a workspace
        </Button>
      </Stack>
    </AuthLayout>
  )
}

export function ErrorPanel({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <Center mih="60dvh" p="md">
      <Alert
        color="red"
        icon={<IconAlertCircle size={20} />}
        title="Dazzle could not load this page"
        maw={480}
      >
        <Stack gap="sm">
          <Text fz="sm">{errorMessage(error)}</Text>
          {onRetry && (
            <Button variant="light" color="red" onClick={onRetry} w="fit-content">
              Try again
            </Button>
          )}
        </Stack>
      </Alert>
    </Center>
  )
}

export function NotFoundPage() {
  return (
    <AuthLayout
      title="Page not found"
      footer={
        <Anchor component={Link} to="/">
          Go to Dazzle
        </Anchor>
      }
    >
      <EmptyState
        icon={<IconCompassOff size={28} />}
        title="Nothing lives at this address"
        description="Check the link, or head back to your workspace."
        variant="light"
      />
    </AuthLayout>
  )
}

export function InShellNotFound() {
  return (
    <Card p={40}>
      <EmptyState
        icon={<IconCompassOff size={28} />}
        title="Page not found"
        description="Nothing lives at this address in your workspace. Use the navigation to find your way."
        variant="light"
      />
    </Card>
  )
}

export function AdminOnly({ what }: { what: string }) {
  return (
    <Card p={40}>
      <EmptyState
        icon={<IconLock size={28} />}
        title="Admins only"
        description={`Only workspace admins can see ${what}. Ask an admin if you need something from it.`}
        variant="light"
        color="gray"
      />
    </Card>
  )
}
