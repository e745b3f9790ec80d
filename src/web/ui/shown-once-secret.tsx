import { Button, Code, CopyButton, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react'
import type { ReactNode } from 'react'

/**
 * A secret the server shows once (an API token, a webhook's signing secret): the warning, the value
 * in full (wrapped anywhere, never cut), Copy and Done, and a line of how to use it underneath.
 */
export function ShownOnceSecret({
  label,
  title,
  description,
  value,
  copyLabel,
  testId,
  onDone,
  children,
}: {
  /** The region's accessible name, e.g. "New API token". */
  label: string
  title: string
  description: ReactNode
  value: string
  copyLabel: string
  testId?: string
  onDone: () => void
  /** How to use it; shown small below the buttons. */
  children?: ReactNode
}) {
  return (
    <Paper
      p={{ base: 'lg', sm: 'xl' }}
      withBorder
      role="status"
      aria-label={label}
      style={{
        borderColor: 'var(--mantine-color-yellow-5)',
        borderWidth: 2,
        background: 'light-dark(var(--mantine-color-yellow-0), rgba(250, 176, 5, 0.08))',
      }}
    >
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon color="yellow" variant="light" size={36} radius="md" aria-hidden>
            <IconAlertTriangle size={20} />
          </ThemeIcon>
          <Stack gap={2}>
            <Title order={2} fz="lg">
              {title}
            </Title>
            <Text fz="sm">{description}</Text>
          </Stack>
        </Group>
        <Code
          block
          p="md"
          className="dazzle-token"
          data-testid={testId}
          style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
        >
          {value}
        </Code>
        <Group gap="sm">
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                color={copied ? 'teal' : 'violet'}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                aria-label={copyLabel}
              >
                {copied ? 'Copied' : copyLabel}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            Done
          </Button>
        </Group>
        {children && (
          <Text fz="xs" c="dimmed">
            {children}
          </Text>
        )}
      </Stack>
    </Paper>
  )
}
