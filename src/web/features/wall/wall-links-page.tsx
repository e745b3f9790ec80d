import {
  Badge,
  Button,
  Card,
  Code,
  CopyButton,
  Group,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core'
import {
  IconAlertTriangle,
  IconCheck,
  IconCopy,
  IconDeviceTv,
  IconExternalLink,
  IconLock,
  IconPlus,
} from '@tabler/icons-react'
import { useState } from 'react'
import { createWallLinkSchema } from '../../../schemas/wall.schemas.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { CardHeader } from '../../ui/card-header.tsx'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { CredentialStatusCell, LastSeenCell } from '../../ui/credential-status.tsx'
import { actionsColumn, type Column, DataTable } from '../../ui/data-table.tsx'
import { FormCard } from '../../ui/form-card.tsx'
import { ListCard } from '../../ui/list-card.tsx'
import { Notice } from '../../ui/notice.tsx'
import { RelativeTime } from '../../ui/relative-time.tsx'
import { ShownOnceSecret } from '../../ui/shown-once-secret.tsx'
import { useSchemaForm } from '../../ui/use-schema-form.ts'
import {
  type CreatedWallLink,
  useChangeWallSettings,
  useCreateWallLink,
  useRevokeWallLink,
  useWallLinks,
  useWallSettings,
  type WallLink,
  wallLinkStatus,
  wallUrl,
} from './wall-api.ts'

/** `/w/:slug/settings/wall`: an admin's wall links for the office TV, and what the wall may show. */
export function WallLinksPage() {
  const [created, setCreated] = useState<CreatedWallLink | null>(null)
  return (
    <>
      <PageHeader
        title="Wall"
        icon={<IconDeviceTv size={24} stroke={1.6} />}
        description="A full-screen page for a TV in the office: the scoreboard's numbers, the trend, the latest stories and awards, live. Each link opens it without signing in, read-only, for this workspace only — revoke it when the screen goes."
      />
      <Stack gap="xl">
        {created && <NewLinkBox created={created} onDone={() => setCreated(null)} />}
        <CreateLinkCard onCreated={setCreated} />
        <LinksCard />
        <SecretsCard />
      </Stack>
    </>
  )
}

function CreateLinkCard({ onCreated }: { onCreated: (l: CreatedWallLink) => void }) {
  const create = useCreateWallLink()
  const form = useSchemaForm(createWallLinkSchema, { name: '', expiresInDays: null as number | null })
  const submit = form.onSubmit((values) =>
    create.mutate(createWallLinkSchema.parse(values), {
      onSuccess: (l) => {
        form.reset()
        onCreated(l)
      },
    }),
  )
  return (
    <FormCard
      icon={<IconPlus size={20} stroke={1.6} />}
      title="New wall link"
      onSubmit={submit}
      error={create.error}
    >
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label="Name"
          placeholder="Office TV"
          description="The screen it is for."
          required
          {...form.getInputProps('name')}
          style={{ flex: '1 1 240px' }}
        />
        <NumberInput
          label="Expires in days"
          description="Optional. Empty: until revoked."
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
          leftSection={<IconDeviceTv size={16} />}
          loading={create.isPending}
          disabled={!form.values.name.trim()}
        >
          Create wall link
        </Button>
      </Group>
    </FormCard>
  )
}

function NewLinkBox({ created, onDone }: { created: CreatedWallLink; onDone: () => void }) {
  const url = wallUrl(created.token)
  return (
    <ShownOnceSecret
      label="New wall link"
      title="Copy the wall link now"
      description={`This is the only time Dazzle shows the link “${created.link.name}”: only a fingerprint of it is kept. Open it on the TV's browser; if you lose it, revoke it and make another.`}
      value={url}
      copyLabel="Copy link"
      testId="new-wall-link"
      onDone={onDone}
    >
      <Button
        component="a"
        href={url}
        target="_blank"
        rel="noopener"
        variant="light"
        size="xs"
        leftSection={<IconExternalLink size={14} />}
      >
        Open the wall
      </Button>
    </ShownOnceSecret>
  )
}

function LinksCard() {
  const links = useWallLinks()
  const revoke = useRevokeWallLink()
  const [revoking, setRevoking] = useState<WallLink | null>(null)
  const columns: Column<WallLink>[] = [
    {
      key: 'name',
      header: 'Name',
      phone: 'title',
      minWidth: 140,
      sortValue: (l) => l.name,
      cell: (l) => (
        <>
          <Text fz="sm" fw={600}>
            {l.name} {l.demo && <Badge variant="light">demo</Badge>}
          </Text>
          <Code fz="xs">{l.prefix}</Code>
        </>
      ),
    },
    {
      key: 'created',
      header: 'Created',
      visibleFrom: 'sm',
      sortValue: (l) => l.createdAt,
      cell: (l) => (
        <Text fz="sm" component="span">
          <RelativeTime iso={l.createdAt} inline />
          {l.createdByName ? ` by ${l.createdByName}` : ''}
        </Text>
      ),
    },
    {
      key: 'seen',
      header: 'Last on screen',
      visibleFrom: 'sm',
      sortValue: (l) => l.lastSeenAt,
      cell: (l) => <LastSeenCell iso={l.lastSeenAt} />,
    },
    {
      key: 'status',
      header: 'Status',
      cell: (l) => <CredentialStatusCell of={l} openEnded="until revoked" />,
    },
    actionsColumn(
      (l) =>
        wallLinkStatus(l) === 'active' && (
          <Group gap={4} wrap="nowrap" justify="flex-end">
            {l.token && (
              <>
                <CopyButton value={wallUrl(l.token)}>
                  {({ copied, copy }) => (
                    <Button
                      variant="subtle"
                      size="xs"
                      onClick={copy}
                      leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                      aria-label={copied ? `Copied the link of ${l.name}` : `Copy link of ${l.name}`}
                    >
                      {copied ? 'Copied' : 'Copy link'}
                    </Button>
                  )}
                </CopyButton>
                <Button
                  component="a"
                  href={wallUrl(l.token)}
                  target="_blank"
                  rel="noopener"
                  variant="subtle"
                  size="xs"
                  leftSection={<IconExternalLink size={14} />}
                  aria-label={`Open the wall of ${l.name}`}
                >
                  Open
                </Button>
              </>
            )}
            <Button
              variant="subtle"
              color="red"
              size="xs"
              onClick={() => setRevoking(l)}
              aria-label={`Revoke ${l.name}`}
            >
              Revoke
            </Button>
          </Group>
        ),
    ),
  ]
  return (
    <>
      <ListCard
        title="Wall links"
        summary={links.data && `${links.data.filter((l) => wallLinkStatus(l) === 'active').length} active`}
        error={links.error}
        onRetry={() => links.refetch()}
      >
        <DataTable
          label="Wall links"
          rows={links.data}
          rowKey={(l) => l.id}
          columns={columns}
          loading={links.isPending}
          empty="No wall link yet. Create one above for the TV in the office."
          rowStyle={(l) => (wallLinkStatus(l) === 'active' ? undefined : { opacity: 0.65 })}
          pageSize={25}
        />
        <Text fz="xs" c="dimmed" mt="sm">
          A link can be copied again only for the demo's own link; any other is shown once, when it is made
          (only a fingerprint of it is kept).
        </Text>
      </ListCard>
      <ConfirmDialog
        opened={!!revoking}
        title="Revoke this wall link?"
        confirmLabel="Revoke link"
        pending={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          if (!revoking) return
          const l = revoking
          revoke.mutate(l.id, {
            onSuccess: () =>
              notifySuccess(`“${l.name}” is switched off; its screen says so at once.`, 'Wall link revoked'),
            onError: (e) => notifyError(e, 'Wall link not revoked'),
            onSettled: () => setRevoking(null),
          })
        }}
      >
        <Notice tone="error" icon={<IconAlertTriangle size={18} />}>
          The screen showing “{revoking?.name}” goes blank with a message at once, and the link will never
          work again. This can't be undone.
        </Notice>
      </ConfirmDialog>
    </>
  )
}

function SecretsCard() {
  const settings = useWallSettings()
  const change = useChangeWallSettings()
  return (
    <Card component="section" aria-label="What the wall shows">
      <CardHeader
        icon={<IconLock size={20} stroke={1.6} />}
        title="Secrets on the wall"
        description="Anyone walking past sees the wall. By default, stories and awards show whose secret it was and about which customer, but not its words."
        mb="md"
      />
      <Switch
        checked={settings.data?.showSecrets ?? false}
        disabled={!settings.data || change.isPending}
        label="Show the words of secrets on the wall"
        description="Only if everyone who can see the screen may read your customers' secrets. Each time the wall shows them, the audit trail records it."
        onChange={(e) =>
          change.mutate(
            { showSecrets: e.currentTarget.checked },
            {
              onSuccess: (s) =>
                notifySuccess(
                  s.showSecrets ? 'The wall shows secrets’ words.' : 'Secrets’ words stay off the wall.',
                ),
              onError: (err) => notifyError(err),
            },
          )
        }
      />
    </Card>
  )
}
