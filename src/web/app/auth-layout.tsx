import { Anchor, Box, Center, Container, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'
import { Link } from 'react-router'
import { Brand } from './brand.tsx'
import { ColorSchemeToggle } from './color-scheme-toggle.tsx'

/** The frame of every signed-out page: brand, a card, a line of context. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
  compactTitle = false,
}: {
  compactTitle?: boolean
  title: ReactNode
  subtitle?: ReactNode
  children: ReactNode
  footer?: ReactNode
}) {
  return (
    <Box className="dazzle-auth-bg">
      <Group justify="space-between" px="lg" py="md">
        <Anchor component={Link} to="/" underline="never" aria-label="Dazzle home">
          <Brand />
        </Anchor>
        <ColorSchemeToggle />
      </Group>
      <Container size={460} px="md" pb={48}>
        <Center mt={{ base: 8, sm: 40 }}>
          <Stack w="100%" gap="lg">
            <Stack gap={6} ta="center">
              <Title order={1} fz={compactTitle ? { base: 22, sm: 26 } : { base: 26, sm: 30 }} lh={1.25}>
                {title}
              </Title>
              {subtitle && (
                <Text c="dimmed" fz="md">
                  {subtitle}
                </Text>
              )}
            </Stack>
            <Paper withBorder shadow="md" p={{ base: 'lg', sm: 32 }} radius="lg">
              {children}
            </Paper>
            {footer && (
              <Text ta="center" fz="sm" c="dimmed">
                {footer}
              </Text>
            )}
          </Stack>
        </Center>
      </Container>
    </Box>
  )
}

/** A loader in the middle of the whole page, while it is not yet known what to show. */
export function FullPageLoader() {
  return (
    <Center mih="100dvh">
      <Loader />
    </Center>
  )
}

/** The footer of a signed-out page that leads back to sign-in. */
export function BackToSignIn() {
  return (
    <Anchor component={Link} to="/sign-in">
      Back to sign in
    </Anchor>
  )
}

/** The footer of a signed-out page that leads into the app (the home redirect decides where). */
export function GoToDazzle() {
  return (
    <Anchor component={Link} to="/">
      Go to Dazzle
    </Anchor>
  )
}
