import { Button, Card, Center, EmptyState, Stack, Text } from '@mantine/core'
import { IconCompassOff, IconLock } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { Link, Navigate } from 'react-router'
import { Notice } from '../ui/notice.tsx'
import { ApiError, errorMessage } from './api.ts'
import { useMe } from './auth.ts'
import { AuthLayout, FullPageLoader, GoToDazzle } from './auth-layout.tsx'
import type { Me } from './types.ts'

/** `/`: into the first workspace, to workspace creation, or to sign-in. */
export function RootRedirect() {
  const me = useMe()
  if (me.isPending) return <FullPageLoader />
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
      <Notice tone="error" title="Dazzle could not load this page" maw={480}>
        <Stack gap="sm">
          <Text fz="sm">{errorMessage(error)}</Text>
          {onRetry && (
            <Button variant="light" color="red" onClick={onRetry} w="fit-content">
              Try again
            </Button>
          )}
        </Stack>
      </Notice>
    </Center>
  )
}

export function NotFoundPage() {
  return (
    <AuthLayout title="Page not found" footer={<GoToDazzle />}>
      <EmptyState
        icon={<IconCompassOff size={28} />}
        title="Nothing lives at this address"
        description="Check the link, or head back to your workspace."
        variant="light"
      />
    </AuthLayout>
  )
}

/**
 * What a page (or a section) backed by one query shows until its data is there: `loading` while it
 * is on its way, the error with "Try again", or `notFound` when the API answers 404 (without it, a
 * 404 is shown as any other error); then `children` with the data.
 *
 * ```tsx
 * <PageState
 *   query={customer}
 *   loading={<Skeleton h={280} />}
 *   notFound={<EmptyCard icon={<IconUser size={28} />} title="Customer not found" description="…" />}
 * >
 *   {(c) => <CustomerView customer={c} />}
 * </PageState>
 * ```
 */
export function PageState<T>({
  query,
  loading,
  notFound,
  children,
}: {
  /** a TanStack query result (plain or infinite) */
  query: {
    data: T | undefined
    error: unknown
    isPending: boolean
    isError: boolean
    refetch: () => unknown
  }
  loading: ReactNode
  notFound?: ReactNode
  children: (data: T) => ReactNode
}) {
  if (query.isPending) return loading
  if (query.isError) {
    if (notFound !== undefined && query.error instanceof ApiError && query.error.status === 404)
      return notFound
    return <ErrorPanel error={query.error} onRetry={() => query.refetch()} />
  }
  return children(query.data as T)
}

/** A page's (or a section's) empty or missing state: an icon, what is not there, and why or what to do. */
export function EmptyCard({
  icon,
  title,
  description,
  color,
  size,
  children,
}: {
  icon: ReactNode
  title: ReactNode
  description?: ReactNode
  color?: string
  /** 'lg' for a page whose whole body it is (no customers, no secrets yet) */
  size?: 'md' | 'lg'
  /** the way on (a button: import, search) */
  children?: ReactNode
}) {
  return (
    <Card p={{ base: 'lg', sm: 40 }}>
      <EmptyState
        icon={icon}
        title={title}
        description={description}
        variant="light"
        color={color}
        size={size}
      >
        {children}
      </EmptyState>
    </Card>
  )
}

export function InShellNotFound() {
  return (
    <EmptyCard
      icon={<IconCompassOff size={28} />}
      title="Page not found"
      description="Nothing lives at this address in your workspace. Use the navigation to find your way."
    />
  )
}

export function AdminOnly({ what }: { what: string }) {
  return (
    <EmptyCard
      icon={<IconLock size={28} />}
      title="Admins only"
      description={`Only workspace admins can see ${what}. Ask an admin if you need something from it.`}
      color="gray"
    />
  )
}
