import { Badge, Button, Code, Group, NativeSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core'
import { IconAlertTriangle, IconKey, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { createApiTokenSchema } from '../../../schemas/workspaces.schemas.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { ROLE_COLORS, ROLE_LABELS, ROLES, type Role, roleOptions } from '../../app/roles.ts'
import type { ApiToken, CreatedApiToken } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { CredentialStatusCell, LastSeenCell } from '../../ui/credential-status.tsx'
import { actionsColumn, type Column, DataTable } from '../../ui/data-table.tsx'
import { FormCard } from '../../ui/form-card.tsx'
import { ListCard } from '../../ui/list-card.tsx'
import { Notice } from '../../ui/notice.tsx'
import { RelativeTime } from '../../ui/relative-time.tsx'
import { ShownOnceSecret } from '../../ui/shown-once-secret.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import { tokenStatus, useCreateToken, useRevokeToken, useTokens } from './tokens-api.ts'

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
  const form = useSchemaForm(createApiTokenSchema, {
    name: '',
    role: myRole as Role,
    expiresInDays: null as number | null,
  })

  const submit = form.onSubmit((values) =>
    create.mutate(createApiTokenSchema.parse(values), {
      onSuccess: (t) => {
        form.reset()
        onCreated(t)
      },
    }),
  )

  return (
    <FormCard
      icon={<IconPlus size={20} stroke={1.6} />}
      title="New token"
      onSubmit={submit}
      error={create.error}
    >
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label="Name"
          placeholder="Nightly CRM import"
          description="Name it after the script that will use it."
          required
          {...form.getInputProps('name')}
          style={{ flex: '1 1 240px' }}
        />
        <NativeSelect
          label="Role"
          description={admin ? 'What the token may do.' : 'No wider than your own role.'}
          data={roleOptions(admin ? ROLES : [myRole])}
          {...form.getInputProps('role')}
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
          {...form.getInputProps('expiresInDays')}
          value={form.values.expiresInDays ?? ''}
          onChange={(v) => form.setFieldValue('expiresInDays', typeof v === 'number' ? v : null)}
          w={{ base: '100%', xs: 190 }}
        />
      </Group>
      <Group>
        <Button
          type="submit"
          leftSection={<IconKey size={16} />}
          loading={create.isPending}
          disabled={!form.values.name.trim()}
        >
          Create token
        </Button>
      </Group>
    </FormCard>
  )
}

function NewTokenBox({ created, onDone }: { created: CreatedApiToken; onDone: () => void }) {
  return (
    <ShownOnceSecret
      label="New API token"
      title="Copy your new token now"
      description={`This is the only time Dazzle shows “${created.apiToken.name}”. Store it in your secrets manager; if you lose it, revoke it and create another.`}
      value={created.token}
      copyLabel="Copy token"
      testId="new-token"
      onDone={onDone}
    >
      Use it as <Code>Authorization: Bearer {shownPrefix(created.apiToken.prefix)}</Code> with role{' '}
      {ROLE_LABELS[created.apiToken.role]}.
    </ShownOnceSecret>
  )
}

function TokensCard() {
  const { role } = useWorkspace()
  const admin = role === 'admin'
  const tokens = useTokens()
  const revoke = useRevokeToken()
  const [revoking, setRevoking] = useState<ApiToken | null>(null)

  const columns: Column<ApiToken>[] = [
    {
      key: 'name',
      header: 'Name',
      phone: 'title',
      minWidth: 130,
      sortValue: (t) => t.name,
      cell: (t) => (
        <>
          <Text fz="sm" fw={600}>
            {t.name}
          </Text>
          <Code fz="xs">{shownPrefix(t.prefix)}</Code>
        </>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      visibleFrom: 'sm',
      sortValue: (t) => ROLE_LABELS[t.role],
      cell: (t) => (
        <Badge color={ROLE_COLORS[t.role]} variant="light">
          {ROLE_LABELS[t.role]}
        </Badge>
      ),
    },
    ...(admin
      ? [
          {
            key: 'owner',
            header: 'Owner',
            visibleFrom: 'md',
            sortValue: (t) => t.userEmail,
            nowrap: true,
            cell: (t) => <Text fz="sm">{t.userEmail}</Text>,
          } satisfies Column<ApiToken>,
        ]
      : []),
    {
      key: 'created',
      header: 'Created',
      visibleFrom: 'sm',
      sortValue: (t) => t.createdAt,
      cell: (t) => <RelativeTime iso={t.createdAt} />,
    },
    {
      key: 'lastUsed',
      header: 'Last used',
      visibleFrom: 'sm',
      sortValue: (t) => t.lastUsedAt,
      cell: (t) => <LastSeenCell iso={t.lastUsedAt} />,
    },
    {
      key: 'status',
      header: 'Status',
      cell: (t) => <CredentialStatusCell of={t} openEnded="never expires" />,
    },
    actionsColumn(
      (t) =>
        tokenStatus(t) === 'active' && (
          <Button
            variant="subtle"
            color="red"
            size="xs"
            onClick={() => setRevoking(t)}
            aria-label={`Revoke ${t.name}`}
          >
            Revoke
          </Button>
        ),
    ),
  ]

  const title = admin ? 'Tokens in this workspace' : 'Your tokens'
  return (
    <>
      <ListCard
        title={title}
        summary={tokens.data && `${tokens.data.filter((t) => tokenStatus(t) === 'active').length} active`}
        error={tokens.error}
        onRetry={() => tokens.refetch()}
      >
        <DataTable
          label={title}
          rows={tokens.data}
          rowKey={(t) => t.id}
          columns={columns}
          loading={tokens.isPending}
          empty="No tokens yet. Create one above when a script or integration needs to call the API."
          rowStyle={(t) => (tokenStatus(t) === 'active' ? undefined : { opacity: 0.65 })}
          pageSize={25}
        />
      </ListCard>
      <ConfirmDialog
        opened={!!revoking}
        title="Revoke this token?"
        confirmLabel="Revoke token"
        pending={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (!revoking) return
          const t = revoking
          revoke.mutate(t.id, {
            onSuccess: () => notifySuccess(`“${t.name}” no longer works.`, 'Token revoked'),
            onError: (e) => notifyError(e, 'Token not revoked'),
            onSettled: () => setRevoking(null),
          })
        }}
      >
        <Notice tone="error" icon={<IconAlertTriangle size={18} />}>
          Anything using “{revoking?.name}” ({revoking ? shownPrefix(revoking.prefix) : ''}) will be refused
          at once. This can't be undone.
        </Notice>
      </ConfirmDialog>
    </>
  )
}

/** The API's prefix may already end with an ellipsis; show exactly one. */
const shownPrefix = (prefix: string) => `${prefix.replace(/…$/, '')}…`
