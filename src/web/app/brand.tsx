import { Group, Text, ThemeIcon } from '@mantine/core'
import { IconSparkles } from '@tabler/icons-react'

/** The Dazzle mark: a sparkle in a gradient tile, and the name. */
export function Brand({
  size = 'md',
  hideNameOnMobile = false,
}: {
  size?: 'md' | 'lg'
  hideNameOnMobile?: boolean
}) {
  const tile = size === 'lg' ? 40 : 32
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={tile} radius="md" variant="gradient" aria-hidden>
        <IconSparkles size={tile * 0.6} stroke={1.8} />
      </ThemeIcon>
      <Text
        fw={800}
        fz={size === 'lg' ? 26 : 20}
        lts={-0.5}
        variant="gradient"
        visibleFrom={hideNameOnMobile ? 'xs' : undefined}
        component="span"
      >
        Dazzle
      </Text>
    </Group>
  )
}
