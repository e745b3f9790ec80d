import {
  Avatar,
  Badge,
  Button,
  CopyButton,
  Group,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core'
import {
  IconCheck,
  IconCopy,
  IconMailForward,
  IconSend,
  IconUserPlus,
  IconUsersGroup,
} from '@tabler/icons-react'
import { useState } from 'react'
import { createInvitationSchema } from '../../../schemas/workspaces.schemas.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { ROLE_COLORS, ROLE_LABELS, type Role, roleOptions } from '../../app/roles.ts'
import type { CreatedInvitation, Invitation, Member } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { actionsColumn, type Column, DataTable } from '../../ui/data-table.tsx'
import { FormCard } from '../../ui/form-card.tsx'
import { formatDate, formatDateTime, fromNow, initials } from '../../ui/format.ts'
import { ListCard } from '../../ui/list-card.tsx'
import { Notice } from '../../ui/notice.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { MyTeamCard } from './my-team-card.tsx'
import {
  useChangeRole,
  useInvitations,
  useInvite,
  useMembers,
  useRemoveMember,
  useRevokeInvitation,
  useSetLeader,
} from './workspaces-api.ts'

export function PeoplePage() {
  const { role, workspace } = useWorkspace()
  const admin = role === 'admin'
  return (
    <>
      <PageHeader
        title="People & roles"
        icon={<IconUsersGroup size={24} stroke={1.6} />}
        description={
          admin
            ? `Everyone in ${workspace.name} and what they do here. Invite colleagues by email and give each the role that fits their job.`
            : `Everyone in ${workspace.name} and what they do here. Only admins can invite people or change roles.`
        }
      />
      <Stack gap="xl">
        <MyTeamCard />
        {admin && <InviteCard />}
        <MembersCard />
        {admin && <InvitationsCard />}
      </Stack>
    </>
  )
}

function InviteCard() {
  const invite = useInvite()
  const [result, setResult] = useState<CreatedInvitation | null>(null)
  const form = useSchemaForm(createInvitationSchema, { email: '', role: 'sales' as Role })

  const submit = form.onSubmit(({ email, role }) =>
    invite.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (created) => {
          setResult(created)
          form.setFieldValue('email', '')
        },
      },
    ),
  )

  return (
    <FormCard
      icon={<IconUserPlus size={20} stroke={1.6} />}
      title="Invite people"
      onSubmit={submit}
      error={invite.error}
      below={result && <InvitationLink created={result} onDone={() => setResult(null)} />}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label="Email"
          type="email"
          placeholder="colleague@company.com"
          required
          {...form.getInputProps('email')}
          style={{ flex: '1 1 240px' }}
        />
        <NativeSelect
          label="Role"
          data={roleOptions()}
          {...form.getInputProps('role')}
          w={{ base: '100%', xs: 240 }}
        />
        <Button
          type="submit"
          leftSection={<IconSend size={16} />}
          loading={invite.isPending}
          disabled={!form.values.email.trim()}
          w={{ base: '100%', xs: 'auto' }}
        >
          Send invitation
        </Button>
      </Group>
    </FormCard>
  )
}

function InvitationLink({ created, onDone }: { created: CreatedInvitation; onDone: () => void }) {
  return (
    <Notice
      mt="lg"
      tone={created.emailed ? 'success' : 'info'}
      icon={<IconMailForward size={20} />}
      title={`Invitation ready for ${created.invitation.email}`}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onDone}
    >
      <Stack gap="sm">
        <Text fz="sm">
          {created.emailed
            ? `We emailed the link to ${created.invitation.email}. You can also copy it and send it yourself.`
            : "Email isn't configured on this server; send the link yourself."}{' '}
          It works once and expires on {formatDate(created.invitation.expiresAt)}.
        </Text>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label="Invitation link"
            value={created.link}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            style={{ flex: '1 1 260px' }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          />
          <CopyButton value={created.link}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                color={copied ? 'teal' : 'violet'}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                aria-label="Copy link"
              >
                {copied ? 'Copied' : 'Copy link'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
    </Notice>
  )
}

function MembersCard() {
  const { me, role } = useWorkspace()
  const admin = role === 'admin'
  const members = useMembers()
  const changeRole = useChangeRole()
  const remove = useRemoveMember()
  const setLeader = useSetLeader()
  const [removing, setRemoving] = useState<Member | null>(null)
  const names = new Map((members.data ?? []).map((m) => [m.userId, m.name]))

  const onLeaderChange = (m: Member, value: string) => {
    const leaderUserId = value || null
    if (leaderUserId === m.leaderUserId) return
    setLeader.mutate(
      { userId: m.userId, leaderUserId },
      {
        onSuccess: () =>
          notifySuccess(
            leaderUserId
              ? `${m.name} now reports to ${names.get(leaderUserId)}.`
              : `${m.name} now reports to nobody.`,
            'Reporting line changed',
          ),
        onError: (e) => notifyError(e, 'Reporting line not changed'),
      },
    )
  }

  const onRoleChange = (m: Member, value: string) => {
    if (!value || value === m.role) return
    changeRole.mutate(
      { userId: m.userId, role: value as Role },
      {
        onSuccess: () => notifySuccess(`${m.name} is now ${ROLE_LABELS[value as Role]}.`, 'Role changed'),
        onError: (e) => notifyError(e, 'Role not changed'),
      },
    )
  }

  const columns: Column<Member>[] = [
    {
      key: 'name',
      header: 'Name',
      phone: 'title',
      cell: (m) => (
        <Group gap="sm" wrap="nowrap" preventGrowOverflow={false}>
          <Avatar size={32} radius="xl" color={ROLE_COLORS[m.role]}>
            {initials(m.name)}
          </Avatar>
          <div>
            <Group gap={6} wrap="nowrap" preventGrowOverflow={false}>
              <Text fw={600} fz="sm">
                {m.name}
              </Text>
              {m.userId === me.user.id && (
                <Badge size="xs" variant="outline" color="gray">
                  You
                </Badge>
              )}
            </Group>
            <Text fz="sm" c="dimmed" className="dazzle-email">
              {m.email}
            </Text>
          </div>
        </Group>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      cell: (m) =>
        admin ? (
          <NativeSelect
            aria-label={`Change access for ${m.name}`}
            data={roleOptions()}
            value={m.role}
            onChange={(e) => onRoleChange(m, e.currentTarget.value)}
            size="xs"
            w={{ base: 150, sm: 210 }}
            disabled={changeRole.isPending && changeRole.variables?.userId === m.userId}
          />
        ) : (
          <Badge color={ROLE_COLORS[m.role]} variant="light">
            {ROLE_LABELS[m.role]}
          </Badge>
        ),
    },
    {
      key: 'leader',
      header: 'Reports to',
      cell: (m) =>
        admin ? (
          <NativeSelect
            aria-label={`Who ${m.name} reports to`}
            data={[
              { value: '', label: 'Nobody' },
              ...(members.data ?? [])
                .filter((o) => o.userId !== m.userId)
                .map((o) => ({ value: o.userId, label: o.name })),
            ]}
            value={m.leaderUserId ?? ''}
            onChange={(e) => onLeaderChange(m, e.currentTarget.value)}
            size="xs"
            w={{ base: 150, sm: 170 }}
            disabled={setLeader.isPending && setLeader.variables?.userId === m.userId}
          />
        ) : (
          <Text fz="sm" c={m.leaderUserId ? undefined : 'dimmed'}>
            {m.leaderUserId ? (names.get(m.leaderUserId) ?? 'a former member') : 'Nobody'}
          </Text>
        ),
    },
    {
      key: 'joined',
      header: 'Joined',
      visibleFrom: 'sm',
      cell: (m) => (
        <Tooltip label={formatDateTime(m.joinedAt)}>
          <Text fz="sm" c="dimmed" component="span" style={{ whiteSpace: 'nowrap' }}>
            {formatDate(m.joinedAt)}
          </Text>
        </Tooltip>
      ),
    },
    ...(admin
      ? [
          actionsColumn(
            (m) =>
              m.userId !== me.user.id && (
                <Button
                  variant="subtle"
                  color="red"
                  size="xs"
                  onClick={() => setRemoving(m)}
                  aria-label={`Remove ${m.name}`}
                >
                  Remove
                </Button>
              ),
          ) satisfies Column<Member>,
        ]
      : []),
  ]

  return (
    <>
      <ListCard
        title="Members"
        summary={members.data && `${members.data.length} ${members.data.length === 1 ? 'person' : 'people'}`}
        error={members.error}
        onRetry={() => members.refetch()}
      >
        <DataTable
          label="Members"
          rows={members.data}
          rowKey={(m) => m.userId}
          columns={columns}
          loading={members.isPending}
          loadingRows={3}
          empty="Nobody here yet."
        />
      </ListCard>
      <ConfirmDialog
        opened={!!removing}
        title={`Remove ${removing?.name}?`}
        confirmLabel="Remove from workspace"
        pending={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return
          const who = removing
          remove.mutate(who.userId, {
            onSuccess: () => {
              notifySuccess(`${who.name} no longer has access.`, 'Member removed')
              setRemoving(null)
            },
            onError: (e) => {
              notifyError(e, 'Member not removed')
              setRemoving(null)
            },
          })
        }}
      >
        {`${removing?.name} (${removing?.email}) will lose access to this workspace at once. What they recorded stays, attributed to them. You can invite them again later.`}
      </ConfirmDialog>
    </>
  )
}

const STATUS_COLORS: Record<Invitation['status'], string> = {
  pending: 'violet',
  accepted: 'teal',
  revoked: 'gray',
  expired: 'orange',
}
const STATUS_LABELS: Record<Invitation['status'], string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  revoked: 'Revoked',
  expired: 'Expired',
}

function InvitationsCard() {
  const invitations = useInvitations(true)
  const revoke = useRevokeInvitation()
  const sorted = [...(invitations.data ?? [])].sort((a, b) => {
    const rank = (i: Invitation) => (i.status === 'pending' ? 0 : 1)
    return rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt)
  })
  const pending = sorted.filter((i) => i.status === 'pending').length
  const columns: Column<Invitation>[] = [
    {
      key: 'invited',
      header: 'Invited',
      phone: 'title',
      cell: (inv) => (
        <>
          <Text fz="sm" fw={500} className="dazzle-email">
            {inv.email}
          </Text>
          <Badge color={ROLE_COLORS[inv.role]} variant="light" size="sm" mt={4}>
            {ROLE_LABELS[inv.role]}
          </Badge>
        </>
      ),
    },
    {
      key: 'by',
      header: 'Invited by',
      visibleFrom: 'sm',
      cell: (inv) => <Text fz="sm">{inv.invitedByName ?? '—'}</Text>,
    },
    {
      key: 'status',
      header: 'Status',
      cell: (inv) => (
        <Badge color={STATUS_COLORS[inv.status]} variant={inv.status === 'pending' ? 'filled' : 'light'}>
          {STATUS_LABELS[inv.status]}
        </Badge>
      ),
    },
    {
      key: 'expires',
      header: 'Expires',
      visibleFrom: 'sm',
      cell: (inv) => (
        <Tooltip label={formatDateTime(inv.expiresAt)}>
          <Text fz="sm" c="dimmed" component="span">
            {inv.status === 'pending' ? fromNow(inv.expiresAt) : formatDate(inv.expiresAt)}
          </Text>
        </Tooltip>
      ),
    },
    actionsColumn(
      (inv) =>
        inv.status === 'pending' && (
          <Button
            variant="subtle"
            color="red"
            size="xs"
            loading={revoke.isPending && revoke.variables === inv.id}
            onClick={() =>
              revoke.mutate(inv.id, {
                onSuccess: () =>
                  notifySuccess(`The link sent to ${inv.email} no longer works.`, 'Invitation revoked'),
                onError: (e) => notifyError(e, 'Invitation not revoked'),
              })
            }
          >
            Revoke
          </Button>
        ),
    ),
  ]

  return (
    <ListCard
      title="Invitations"
      summary={invitations.data && `${pending} pending`}
      error={invitations.error}
      onRetry={() => invitations.refetch()}
    >
      <DataTable
        label="Invitations"
        rows={invitations.isPending ? undefined : sorted}
        rowKey={(inv) => inv.id}
        columns={columns}
        loading={invitations.isPending}
        empty="No invitations yet. Invite a colleague above: they'll get a link that works once, for 7 days."
        pageSize={20}
      />
    </ListCard>
  )
}
