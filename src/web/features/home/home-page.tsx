import { Anchor, Badge, Card, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconArrowRight, IconSparkles } from '@tabler/icons-react'
import { useId } from 'react'
import { Link } from 'react-router'
import { firstName } from '../../app/format.ts'
import { AREAS, type NavItem, SETTINGS, visibleTo } from '../../app/nav.tsx'
import { ROLE_COLORS, ROLE_JOBS, ROLE_LABELS } from '../../app/roles.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { MyAccountabilityCards, MyBonusCard, TeamAccountabilityCard } from '../accountability/home-cards.tsx'
import {
  AudiencesCard,
  AwardsToDecideCard,
  ExpectationsCard,
  HomeGrid,
  MyRecoveriesCard,
  NewSecretsCard,
  ReportCardsWaitingCard,
  TeamAtAGlanceCard,
} from './home-cards.tsx'

export function HomePage() {
  const { me, role, workspace } = useWorkspace()
  return (
    <Stack gap="xl">
      <Paper
        p={{ base: 'lg', sm: 32 }}
        radius="lg"
        withBorder
        style={{
          background:
            'linear-gradient(135deg, light-dark(var(--mantine-color-violet-0), rgba(132,94,247,0.14)), light-dark(var(--mantine-color-grape-0), rgba(190,75,219,0.08)))',
        }}
      >
        <Group align="flex-start" gap="lg" wrap="nowrap">
          <ThemeIcon size={52} radius="md" variant="gradient" visibleFrom="xs" aria-hidden>
            <IconSparkles size={30} stroke={1.6} />
          </ThemeIcon>
          <Stack gap="xs">
            <Text fz="sm" c="dimmed" fw={500}>
              {workspace.name}
            </Text>
            <Title order={1} fz={{ base: 26, sm: 32 }}>
              Welcome, {firstName(me.user.name)}
            </Title>
            <Group gap="xs">
              <Text fz="sm">You're here as</Text>
              <Badge color={ROLE_COLORS[role]} variant="filled" size="lg" radius="sm">
                {ROLE_LABELS[role]}
              </Badge>
            </Group>
            {/* on a phone the work comes first: the role's job is said on wider screens */}
            <Text maw={680} fz="md" visibleFrom="sm">
              {ROLE_JOBS[role]}
            </Text>
          </Stack>
        </Group>
      </Paper>

      <Stack gap="sm">
        <Title order={2} fz="xl">
          What needs you now
        </Title>
        {role === 'service' && (
          <HomeGrid>
            <MyRecoveriesCard />
            <MyBonusCard />
          </HomeGrid>
        )}
        {role === 'sales' && (
          <HomeGrid>
            <MyRecoveriesCard />
            <ReportCardsWaitingCard />
          </HomeGrid>
        )}
        {(role === 'leader' || role === 'admin') && (
          <HomeGrid>
            <TeamAtAGlanceCard />
            <ExpectationsCard />
            <AwardsToDecideCard />
            <TeamAccountabilityCard />
          </HomeGrid>
        )}
        {role === 'marketing' && (
          <HomeGrid>
            <NewSecretsCard />
            <AudiencesCard />
          </HomeGrid>
        )}
      </Stack>

      {role === 'sales' && <MyAccountabilityCards />}

      <Stack gap="sm">
        <Title order={2} fz="lg">
          Your workspace
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {AREAS.filter((a) => a.path && visibleTo(role)(a)).map((item) => (
            <AreaCard key={item.path} item={item} />
          ))}
        </SimpleGrid>
      </Stack>

      <Stack gap="sm">
        <Title order={2} fz="lg">
          Settings
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          {SETTINGS.filter(visibleTo(role)).map((item) => (
            <AreaCard key={item.path} item={item} compact />
          ))}
        </SimpleGrid>
      </Stack>
    </Stack>
  )
}

function AreaCard({ item, compact = false }: { item: NavItem; compact?: boolean }) {
  const { slug } = useWorkspace()
  const titleId = useId()
  const Icon = item.icon
  // The whole card is clickable through the "Open" link stretched over it; the link is named "Open" (and
  // described by the title) so that the navbar stays the one place named "Customers", "API tokens"…
  return (
    <Card className="dazzle-card-link" padding={compact ? 'md' : 'lg'} pos="relative">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={compact ? 34 : 40} radius="md" variant="light" aria-hidden>
            <Icon size={compact ? 18 : 22} stroke={1.6} />
          </ThemeIcon>
          <Text fw={650} fz={compact ? 'md' : 'lg'} id={titleId}>
            {item.label}
          </Text>
        </Group>
        {item.soon && (
          <Badge variant="light" color="gray" radius="sm">
            Coming soon
          </Badge>
        )}
      </Group>
      <Text fz="sm" c="dimmed" mb="sm">
        {item.description}
      </Text>
      <Anchor
        component={Link}
        to={`/w/${slug}/${item.path}`}
        className="dazzle-stretched-link"
        aria-describedby={titleId}
        fz="sm"
        fw={600}
        mt="auto"
      >
        <Group gap={4} component="span">
          Open
          <IconArrowRight size={14} stroke={2} aria-hidden />
        </Group>
      </Anchor>
    </Card>
  )
}
