import { Anchor, Box, Center, Container, Group, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconCheck, IconClockX, IconLinkOff } from '@tabler/icons-react'
import { useMutation, useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { ApiError, api, errorMessage } from '../../app/api.ts'
import { Brand } from '../../app/brand.tsx'
import { ColorSchemeToggle } from '../../app/color-scheme-toggle.tsx'
import './feedback.css'

/** What the answer form of a public page gets: send the answer, and how the last send went. */
export interface PublicAnswerForm<A> {
  pending: boolean
  error: unknown
  onSubmit: (answer: A) => void
}

/**
 * A page a customer opens from a link, no sign-in (`/feedback/:token`, `/report-card/:token`): the
 * link's preview is read once, the answer is posted to the same path once. While loading a spinner;
 * a link that does not work (or stops working on send) is said plainly; after the send, `thanks`.
 */
export function PublicAnswerPage<P extends { companyName: string }, A>({
  queryKey,
  path,
  size,
  footer,
  form,
  thanks,
}: {
  queryKey: readonly unknown[]
  path: string
  /** The column's width in px. */
  size: number
  /** Who the answer goes to, under the page. */
  footer: ReactNode
  form: (preview: P, send: PublicAnswerForm<A>) => ReactNode
  thanks: (preview: P) => ReactNode
}) {
  const preview = useQuery({
    queryKey,
    retry: false,
    refetchOnWindowFocus: false,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: ({ signal }) => api<P>(path, { signal }),
  })
  const send = useMutation({
    mutationFn: (answer: A) => api<{ ok: true }>(path, { method: 'POST', body: answer }),
  })

  let body: ReactNode
  if (preview.isPending) {
    body = (
      <Center py={80}>
        <Loader aria-label="Loading" />
      </Center>
    )
  } else if (preview.isError) {
    body = <LinkProblem error={preview.error} />
  } else if (send.isSuccess) {
    body = thanks(preview.data)
  } else if (send.error instanceof ApiError && [404, 409, 410].includes(send.error.status)) {
    body = <LinkProblem error={send.error} />
  } else {
    body = form(preview.data, {
      pending: send.isPending,
      error: send.error,
      onSubmit: (answer) => send.mutate(answer),
    })
  }

  return (
    <Box className="dazzle-auth-bg">
      <Group justify="space-between" px="md" py="sm">
        {preview.data ? (
          <Text fw={700} fz="lg">
            {preview.data.companyName}
          </Text>
        ) : (
          <Brand />
        )}
        <ColorSchemeToggle />
      </Group>
      <Container size={size} px="sm" pb={48}>
        {body}
        <Text ta="center" fz="xs" c="dimmed" mt="lg">
          {footer}
        </Text>
      </Container>
    </Box>
  )
}

/** The big round icon, a title and a few words: the page's whole body when there is no form. */
function Outcome({
  icon,
  variant,
  color,
  title,
  titleSize,
  children,
}: {
  icon: ReactNode
  variant: 'gradient' | 'light'
  color?: string
  title: string
  titleSize: number
  children: ReactNode
}) {
  return (
    <Stack align="center" ta="center" gap="md" py={60}>
      <ThemeIcon size={72} radius="xl" variant={variant} color={color} aria-hidden>
        {icon}
      </ThemeIcon>
      <Title order={1} fz={titleSize}>
        {title}
      </Title>
      {children}
    </Stack>
  )
}

/** "Thank you" and what happens to the answer (`children`). */
export function Thanks({ children }: { children: ReactNode }) {
  return (
    <Outcome icon={<IconCheck size={40} />} variant="gradient" title="Thank you" titleSize={30}>
      <Text maw={420}>{children}</Text>
    </Outcome>
  )
}

/** 404 not a link of ours, 409 already answered, 410 expired: each said plainly. */
export function LinkProblem({ error }: { error: unknown }) {
  const status = error instanceof ApiError ? error.status : 0
  const look =
    status === 409
      ? { icon: <IconCheck size={36} />, color: 'teal', title: 'Already answered' }
      : status === 410
        ? { icon: <IconClockX size={36} />, color: 'orange', title: 'This link has expired' }
        : status === 404
          ? { icon: <IconLinkOff size={36} />, color: 'gray', title: 'This link does not work' }
          : { icon: <IconLinkOff size={36} />, color: 'red', title: 'Something went wrong' }
  return (
    <Outcome icon={look.icon} variant="light" color={look.color} title={look.title} titleSize={28}>
      <Text maw={420}>{errorMessage(error)}</Text>
      {status === 0 && (
        <Anchor component="button" type="button" onClick={() => window.location.reload()}>
          Try again
        </Anchor>
      )}
    </Outcome>
  )
}
