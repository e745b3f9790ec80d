import {
  Badge,
  Card,
  EmptyState,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core'
import { IconCheck } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { PageHeader } from './page-header.tsx'
import { ROLE_COLORS, ROLE_LABELS, type Role } from './roles.ts'
import { useWorkspace } from './workspace-context.ts'

export interface ComingSoonProps {
  title: string
  lead: string
  icon: ReactNode
  emptyTitle: string
  emptyText: string
  /** what will live here, in the source's words */
  features: { title: string; text: string }[]
  /** who will use it, and for what */
  audience: Partial<Record<Role, string>>
}

/** An honest empty area: what will live here and for whom. No sample data. */
export function ComingSoon({
  title,
  lead,
  icon,
  emptyTitle,
  emptyText,
  features,
  audience,
}: ComingSoonProps) {
  const { role } = useWorkspace()
  const mine = audience[role]
  return (
    <>
      <PageHeader
        title={
          <Group gap="sm" component="span">
            {title}
            <Badge variant="light" color="gray" size="lg" radius="sm" component="span">
              Coming soon
            </Badge>
          </Group>
        }
        description={lead}
        icon={icon}
      />
      <Stack gap="xl">
        <Card p={{ base: 'lg', sm: 40 }}>
          <EmptyState
            icon={icon}
            title={emptyTitle}
            description={emptyText}
            variant="light"
            color="violet"
            size="lg"
          />
          {mine && (
            <Text ta="center" fz="sm" mt="lg" c="dimmed" maw={560} mx="auto">
              <Badge color={ROLE_COLORS[role]} variant="light" mr={6} component="span">
                {ROLE_LABELS[role]}
              </Badge>
              {mine}
            </Text>
          )}
        </Card>
        <Stack gap="sm">
          <Title order={2} fz="lg">
            What will live here
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            {features.map((f) => (
              <Card key={f.title} padding="md">
                <Group gap="sm" align="flex-start" wrap="nowrap">
                  <ThemeIcon size={28} radius="xl" variant="light" aria-hidden>
                    <IconCheck size={16} />
                  </ThemeIcon>
                  <Stack gap={2}>
                    <Text fw={600}>{f.title}</Text>
                    <Text fz="sm" c="dimmed">
                      {f.text}
                    </Text>
                  </Stack>
                </Group>
              </Card>
            ))}
          </SimpleGrid>
        </Stack>
        <Stack gap="sm">
          <Title order={2} fz="lg">
            Who it's for
          </Title>
          <List spacing="xs" listStyleType="none" p={0}>
            {(Object.entries(audience) as [Role, string][]).map(([r, text]) => (
              <List.Item key={r}>
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <Badge color={ROLE_COLORS[r]} variant="light" miw={110} style={{ flexShrink: 0 }}>
                    {ROLE_LABELS[r].split(' ')[0]}
                  </Badge>
                  <Text fz="sm">{text}</Text>
                </Group>
              </List.Item>
            ))}
          </List>
        </Stack>
      </Stack>
    </>
  )
}
