import {
  Alert,
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconCopy, IconKey, IconPlus } from '@tabler/icons-react'
import { type FormEvent, useState } from 'react'
import { FormError } from '../../app/form-error.tsx'
import { formatDateTime, fromNow } from '../../app/format.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { ROLE_COLORS, ROLE_LABELS, ROLES, type Role, roleOptions } from '../../app/roles.ts'
import { ErrorPanel } from '../../app/status-pages.tsx'
import type { ApiToken, CreatedApiToken } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { type TokenStatus, tokenStatus, useCreateToken, useRevokeToken, useTokens } from './tokens-api.ts'

export function TokensPage() {
  const { role } = useWorkspace()
  const [created, setCreated] = useState<CreatedApiToken | null>(null)
  return (
    <>
      <PageHeader
        title="API tokens"
        icon={<IconKey size={24} stroke={1.6} />}
        description={
          role === 'admin'
            ? 'Tokens let scripts and integrations call the Dazzle API. As an admin you can give a token any role, and see and revoke everyone’s tokens.'
            : 'Tokens let your scripts and integrations call the Dazzle API as you, with your role. Each one is shown once, so keep it somewhere safe.'
        }
      />
      <Stack gap="xl">
        {created && <NewTokenBox created={created} onDone={() => setCreated(null)} />}
        <CreateTokenCard onCreated={setCreated} />
        <TokensCard />
      </Stack>
    </>
  )
}

function CreateTokenCard({ onCreated }: { onCreated: (t: CreatedApiToken) => void }) {
  const { role: myRole } = useWorkspace()
  const admin = myRole === 'admin'
  const create = useCreateToken()
  const [name, setName] = useState('')
  const [role, setRole] = useState<Role>(myRole)
  const [days, setDays] = useState<string | number>('')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate(
      { name: name.trim(), role, expiresInDays: typeof days === 'number' ? days : null },
      {
        onSuccess: (t) => {
          setName('')
          setDays('')
          onCreated(t)
        },
      },
    )
  }

  return (
    <Card>
      <Group gap="sm" mb="md">
        <IconPlus size={20} stroke={1.6} />
        <Title order={2} fz="lg">
          New token
        </Title>
      </Group>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormError error={create.error} />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="Name"
              placeholder="Nightly CRM import"
              description="Name it after the script that will use it."
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              style={{ flex: '1 1 240px' }}
            />
            <NativeSelect
              label="Role"
              description={admin ? 'What the token may do.' : 'No wider than your own role.'}
              data={roleOptions(admin ? ROLES : [myRole])}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as Role)}
              disabled={!admin}
              w={{ base: '100%', xs: 230 }}
            />
            <NumberInput
              label="Expires in days"
              description="Optional. Empty: never expires."
              placeholder="Never"
              min={1}
              max={3650}
              allowDecimal={false}
              allowNegative={false}
              value={days}
              onChange={setDays}
              w={{ base: '100%', xs: 190 }}
            />
          </Group>
          <Group>
            <Button
              type="submit"
              leftSection={<IconKey size={16} />}
              loading={create.isPending}
              disabled={!name.trim()}
            >
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  )
}

function NewTokenBox({ created, onDone }: { created: CreatedApiToken; onDone: () => void }) {
  return (
    <Paper
      p={{ base: 'lg', sm: 'xl' }}
      withBorder
      role="status"
      aria-label="New API token"
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
              Copy your new token now
            </Title>
            <Text fz="sm">
              This is the only time Dazzle shows “{created.apiToken.name}”. Store it in your secrets manager;
              if you lose it, revoke it and create another.
            </Text>
          </Stack>
        </Group>
        <Code block className="dazzle-token" data-testid="new-token" p="md">
          {created.token}
        </Code>
        <Group gap="sm">
          <CopyButton value={created.token}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                color={copied ? 'teal' : 'violet'}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                aria-label="Copy token"
              >
                {copied ? 'Copied' : 'Copy token'}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDone}>
            Done
          </Button>
        </Group>
        <Text fz="xs" c="dimmed">
          Use it as <Code>Authorization: Bearer {shownPrefix(created.apiToken.prefix)}</Code> with role{' '}
          {ROLE_LABELS[created.apiToken.role]}.
        </Text>
      </Stack>
    </Paper>
  )
}

const STATUS: Record<TokenStatus, { label: string; color: string }> = {
  active: { label: 'Active', color: 'teal' },
  revoked: { label: 'Revoked', color: 'gray' },
  expired: { label: 'Expired', color: 'orange' },
}

function TokensCard() {
  const { role } = useWorkspace()
  const admin = role === 'admin'
  const tokens = useTokens()
  const revoke = useRevokeToken()
  const [revoking, setRevoking] = useState<ApiToken | null>(null)
  const cols = admin ? 7 : 6

  return (
    <Card p={0}>
      <Group justify="space-between" p="lg" pb="sm">
        <Title order={2} fz="lg">
          {admin ? 'Tokens in this workspace' : 'Your tokens'}
        </Title>
        {tokens.data && (
          <Text fz="sm" c="dimmed">
            {tokens.data.filter((t) => tokenStatus(t) === 'active').length} active
          </Text>
        )}
      </Group>
      {tokens.isError ? (
        <ErrorPanel error={tokens.error} onRetry={() => tokens.refetch()} />
      ) : tokens.data?.length === 0 ? (
        <Text c="dimmed" fz="sm" px="lg" pb="lg">
          No tokens yet. Create one above when a script or integration needs to call the API.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={440}>
          <Table className="dazzle-table" verticalSpacing="sm" style={{ whiteSpace: 'nowrap' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th visibleFrom="sm">Role</Table.Th>
                {admin && <Table.Th visibleFrom="md">Owner</Table.Th>}
                <Table.Th visibleFrom="sm">Created</Table.Th>
                <Table.Th visibleFrom="sm">Last used</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.isPending
                ? [0, 1].map((i) => (
                    <Table.Tr key={i}>
                      <Table.Td colSpan={cols}>
                        <Skeleton h={28} />
                      </Table.Td>
                    </Table.Tr>
                  ))
                : tokens.data.map((t) => {
                    const status = tokenStatus(t)
                    return (
                      <Table.Tr key={t.id} opacity={status === 'active' ? 1 : 0.65}>
                        <Table.Td>
                          <Text fz="sm" fw={600}>
                            {t.name}
                          </Text>
                          <Code fz="xs">{shownPrefix(t.prefix)}</Code>
                          <Text hiddenFrom="sm" fz="xs" c="dimmed" mt={4}>
                            {ROLE_LABELS[t.role]}
                          </Text>
                        </Table.Td>
                        <Table.Td visibleFrom="sm">
                          <Badge color={ROLE_COLORS[t.role]} variant="light">
                            {ROLE_LABELS[t.role]}
                          </Badge>
                        </Table.Td>
                        {admin && (
                          <Table.Td visibleFrom="md">
                            <Text fz="sm">{t.userEmail}</Text>
                          </Table.Td>
                        )}
                        <Table.Td visibleFrom="sm">
                          <When iso={t.createdAt} />
                        </Table.Td>
                        <Table.Td visibleFrom="sm">
                          {t.lastUsedAt ? <When iso={t.lastUsedAt} /> : <Muted>Never</Muted>}
                        </Table.Td>
                        <Table.Td>
                          <Badge
                            color={STATUS[status].color}
                            variant={status === 'active' ? 'light' : 'outline'}
                          >
                            {STATUS[status].label}
                          </Badge>
                          <Text fz="xs" c="dimmed" mt={4}>
                            {status === 'revoked' && t.revokedAt ? (
                              <>
                                revoked <When iso={t.revokedAt} inline />
                              </>
                            ) : t.expiresAt ? (
                              <>
                                {status === 'expired' ? 'expired' : 'expires'}{' '}
                                <When iso={t.expiresAt} inline />
                              </>
                            ) : (
                              'never expires'
                            )}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          {status === 'active' && (
                            <Button variant="subtle" color="red" size="xs" onClick={() => setRevoking(t)}>
                              Revoke
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    )
                  })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal
        opened={!!revoking}
        onClose={() => setRevoking(null)}
        title={<Text fw={700}>Revoke this token?</Text>}
      >
        <Stack gap="lg">
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />}>
            Anything using “{revoking?.name}” ({revoking ? shownPrefix(revoking.prefix) : ''}) will be refused
            at once. This can't be undone.
          </Alert>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={revoke.isPending}
              onClick={() => {
                if (!revoking) return
                const t = revoking
                revoke.mutate(t.id, {
                  onSuccess: () => notifySuccess(`“${t.name}” no longer works.`, 'Token revoked'),
                  onError: (e) => notifyError(e, 'Token not revoked'),
                  onSettled: () => setRevoking(null),
                })
              }}
            >
              Revoke token
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  )
}

function When({ iso, inline = false }: { iso: string; inline?: boolean }) {
  return (
    <Tooltip label={formatDateTime(iso)}>
      <Text fz={inline ? 'inherit' : 'sm'} c="dimmed" component="span" style={{ whiteSpace: 'nowrap' }}>
        {fromNow(iso)}
      </Text>
    </Tooltip>
  )
}

function Muted({ children }: { children: string }) {
  return (
    <Text fz="sm" c="dimmed" component="span">
      {children}
    </Text>
  )
}

/** The API's prefix may already end with an ellipsis; show exactly one. */
const shownPrefix = (prefix: string) => `${prefix.replace(/…$/, '')}…`
