import { Group, Stack, Text, Title } from '@mantine/core'
import type { ReactNode } from 'react'

/**
 * The head of a card: its icon and title (a level-2 heading), a sentence on what it is for, and on
 * the right what goes with it (a button, a count), wrapping under the words on a phone. `inset` is
 * for a card whose body runs to its edges (a table): the head keeps the card's padding itself.
 */
export function CardHeader({
  icon,
  title,
  description,
  aside,
  inset = false,
  mb = 'sm',
}: {
  icon?: ReactNode
  title: ReactNode
  description?: ReactNode
  aside?: ReactNode
  inset?: boolean
  /** The space under it in a padded card. */
  mb?: string
}) {
  return (
    <Group
      justify="space-between"
      align={description ? 'flex-start' : 'center'}
      gap="sm"
      {...(inset ? { p: 'lg', pb: 'sm' } : { mb })}
    >
      <Stack gap={2} style={{ flex: '1 1 260px' }}>
        <Group gap="sm" wrap="nowrap">
          {icon}
          <Title order={2} fz="lg">
            {title}
          </Title>
        </Group>
        {description && (
          <Text fz="sm" c="dimmed" maw={760}>
            {description}
          </Text>
        )}
      </Stack>
      {aside}
    </Group>
  )
}
