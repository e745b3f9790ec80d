import { Group, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import type { ReactNode } from 'react'

export function PageHeader({
  title,
  description,
  icon,
  actions,
}: {
  title: ReactNode
  description?: ReactNode
  icon?: ReactNode
  actions?: ReactNode
}) {
  return (
    <Group justify="space-between" align="flex-start" gap="md" mb="xl" wrap="wrap">
      <Group gap="md" align="flex-start" wrap="nowrap" style={{ flex: '1 1 320px' }}>
        {icon && (
          <ThemeIcon size={44} radius="md" variant="light" visibleFrom="xs" aria-hidden>
            {icon}
          </ThemeIcon>
        )}
        <Stack gap={4}>
          <Title order={1} fz={{ base: 24, sm: 28 }}>
            {title}
          </Title>
          {description && (
            <Text c="dimmed" maw={720}>
              {description}
            </Text>
          )}
        </Stack>
      </Group>
      {actions}
    </Group>
  )
}
