import { Avatar, Badge, Group, Text } from '@mantine/core'
import { IconHierarchy2 } from '@tabler/icons-react'
import { ROLE_COLORS, ROLE_LABELS } from '../../app/roles.ts'
import { type Column, DataTable } from '../../ui/data-table.tsx'
import { initials } from '../../ui/format.ts'
import { ListCard } from '../../ui/list-card.tsx'
import { type MyTeam, useMyTeam } from './workspaces-api.ts'

type TeamMember = MyTeam['team'][number]

/**
 * "Your team": who the signed-in member reports to and everyone who reports to them, directly or
 * through others (`GET /api/workspace/team`). Nothing at all for someone outside every line.
 */
export function MyTeamCard() {
  const team = useMyTeam()
  if (team.isPending || team.isError) return null
  const { leader, team: people } = team.data
  if (!leader && people.length === 0) return null
  const names = new Map(people.map((m) => [m.userId, m.name]))
  const columns: Column<TeamMember>[] = [
    {
      key: 'name',
      header: 'Name',
      phone: 'title',
      cell: (m) => (
        <Group gap="sm" wrap="nowrap" preventGrowOverflow={false}>
          <Avatar size={30} radius="xl" color={ROLE_COLORS[m.role]}>
            {initials(m.name)}
          </Avatar>
          <Text fw={600} fz="sm">
            {m.name}
          </Text>
        </Group>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      cell: (m) => (
        <Badge color={ROLE_COLORS[m.role]} variant="light">
          {ROLE_LABELS[m.role]}
        </Badge>
      ),
    },
    {
      key: 'line',
      header: 'Reports to',
      cell: (m) => (
        <Text fz="sm" c={m.depth === 1 ? undefined : 'dimmed'}>
          {m.depth === 1 ? 'You' : (names.get(m.leaderUserId ?? '') ?? '—')}
        </Text>
      ),
    },
  ]
  return (
    <ListCard
      icon={<IconHierarchy2 size={20} stroke={1.6} />}
      title="Your team"
      label="Your team"
      description={leader ? `You report to ${leader.name}.` : 'You report to nobody.'}
      summary={
        people.length > 0 &&
        `${people.length} ${people.length === 1 ? 'person reports' : 'people report'} to you`
      }
      data-testid="my-team"
    >
      {people.length > 0 ? (
        <DataTable label="Your team" rows={people} rowKey={(m) => m.userId} columns={columns} empty="" />
      ) : (
        <Text fz="sm" c="dimmed" px="lg" pb="md">
          Nobody reports to you. An at-risk OOPS! of yours is escalated to {leader?.name}.
        </Text>
      )}
    </ListCard>
  )
}
