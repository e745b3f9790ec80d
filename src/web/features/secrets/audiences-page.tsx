import { ActionIcon, Badge, Button, Card, Group, Stack, Text, Tooltip } from '@mantine/core'
import { IconDownload, IconPlayerPlay, IconTrash, IconUsersGroup } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { formatDate } from '../../app/format.ts'
import { notifyError, notifySuccess } from '../../app/notify.ts'
import { PageHeader } from '../../app/page-header.tsx'
import { EmptyCard, ErrorPanel } from '../../app/status-pages.tsx'
import { useWorkspace } from '../../app/workspace-context.ts'
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx'
import { actionsColumn, type Column, DataTable } from '../../ui/data-table.tsx'
import { DownloadButton, savedAndAudited } from '../../ui/download-button.tsx'
import {
  type Audience,
  downloadAudienceCsv,
  searchToParams,
  useAudiences,
  useDeleteAudience,
} from './search-api.ts'
import { AUDIENCE_ROLES } from './search-page.tsx'
import { useCategories } from './secrets-api.ts'
import { SecretsTabs } from './secrets-tabs.tsx'

export function AudiencesPage() {
  const { slug, role } = useWorkspace()
  const audiences = useAudiences()
  const mayManage = (AUDIENCE_ROLES as readonly string[]).includes(role)
  const [deleting, setDeleting] = useState<Audience | null>(null)
  const columns: Column<Audience>[] = [
    { key: 'audience', header: 'Audience', phone: 'title', cell: (a) => <AudienceQuery a={a} /> },
    {
      key: 'savedBy',
      header: 'Saved by',
      visibleFrom: 'sm',
      phone: 'hidden',
      cell: (a) => (
        <>
          <Text fz="sm">{a.createdByName ?? 'Someone who left'}</Text>
          <Text fz="xs" c="dimmed">
            {formatDate(a.createdAt)}
          </Text>
        </>
      ),
    },
    actionsColumn((a) => <AudienceActions a={a} mayManage={mayManage} onDelete={() => setDeleting(a)} />),
  ]

  return (
    <>
      <PageHeader
        title="Audiences"
        icon={<IconUsersGroup size={24} stroke={1.6} />}
        description="Saved searches: open one to see who matches today, or export it as a CSV (customer, tier, segment, owner, people and their emails — never the secrets themselves). Exports are recorded in the audit trail."
      />
      <SecretsTabs />
      {audiences.isError ? (
        <ErrorPanel error={audiences.error} onRetry={() => audiences.refetch()} />
      ) : audiences.data?.audiences.length === 0 ? (
        <EmptyCard
          icon={<IconUsersGroup size={28} />}
          title="No audiences yet"
          description={
            mayManage
              ? 'Search the secrets (“who loves wine?”), then save the search as an audience to come back to it or export it.'
              : 'Marketing, leaders and admins save searches here; you can open any of them.'
          }
        >
          <Button component={Link} to={`/w/${slug}/secrets/search`} variant="light">
            Search secrets
          </Button>
        </EmptyCard>
      ) : (
        // on a phone the rows are cards: room above the first
        <Card p={0} pt={{ base: 'md', sm: 0 }}>
          <DataTable
            label="Audiences"
            rows={audiences.data?.audiences}
            loading={!audiences.data}
            loadingRows={3}
            rowKey={(a) => a.id}
            columns={columns}
            empty={null}
            minWidth={320}
          />
        </Card>
      )}
      <DeleteAudienceModal audience={deleting} onClose={() => setDeleting(null)} />
    </>
  )
}

const openPath = (slug: string, a: Audience) =>
  `/w/${slug}/secrets/search#${searchToParams(a.query).toString()}`

/** The audience's name (the way to its search) over what it searches for. */
function AudienceQuery({ a }: { a: Audience }) {
  const { slug } = useWorkspace()
  const categories = useCategories()
  const label = (key: string) => categories.data?.categories.find((c) => c.key === key)?.label ?? key
  const q = a.query
  return (
    <Stack gap={4}>
      <Text fw={600} component={Link} to={openPath(slug, a)} c="inherit" td="none">
        {a.name}
      </Text>
      <Group gap={4} wrap="wrap">
        {q.q && (
          <Badge variant="light" component="span" tt="none">
            “{q.q}”
          </Badge>
        )}
        {q.categories.map((c) => (
          <Badge key={c} variant="outline" color="gray" component="span" tt="none">
            {label(c)}
          </Badge>
        ))}
        {q.tiers.length > 0 && (
          <Badge variant="outline" color="yellow" component="span" tt="none">
            Tier {q.tiers.join(', ')}
          </Badge>
        )}
        {q.segments.map((s) => (
          <Badge key={s} variant="outline" color="gray" component="span" tt="none">
            {s}
          </Badge>
        ))}
        {q.layer && (
          <Badge variant="outline" color="gray" component="span" tt="none">
            {q.layer === 'need' ? 'Needs only' : 'Secrets only'}
          </Badge>
        )}
      </Group>
    </Stack>
  )
}

function AudienceActions({
  a,
  mayManage,
  onDelete,
}: {
  a: Audience
  mayManage: boolean
  onDelete: () => void
}) {
  const { slug } = useWorkspace()
  const navigate = useNavigate()
  return (
    <Group gap={6} justify="flex-end" wrap="nowrap">
      <Tooltip label="See who matches now">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlayerPlay size={14} />}
          onClick={() => navigate(openPath(slug, a))}
          aria-label={`Open ${a.name}`}
        >
          Open
        </Button>
      </Tooltip>
      {mayManage && (
        <>
          <DownloadButton
            size="xs"
            icon={<IconDownload size={14} />}
            download={() => downloadAudienceCsv(slug, a)}
            failed="The export did not download"
            saved={savedAndAudited('Audience exported')}
            aria-label={`Export ${a.name} as CSV`}
          >
            CSV
          </DownloadButton>
          <ActionIcon variant="subtle" color="red" onClick={onDelete} aria-label={`Delete ${a.name}`}>
            <IconTrash size={16} />
          </ActionIcon>
        </>
      )}
    </Group>
  )
}

function DeleteAudienceModal({ audience, onClose }: { audience: Audience | null; onClose: () => void }) {
  const remove = useDeleteAudience()
  return (
    <ConfirmDialog
      opened={!!audience}
      title="Delete this audience?"
      confirmLabel="Delete audience"
      cancelLabel="Keep it"
      pending={remove.isPending}
      onCancel={onClose}
      onConfirm={() =>
        audience &&
        remove.mutate(audience.id, {
          onSuccess: () => {
            notifySuccess(`“${audience.name}” is deleted.`)
            onClose()
          },
          onError: (e) => notifyError(e),
        })
      }
    >
      {`“${audience?.name}” is only a saved search: deleting it leaves every customer and secret as they are.`}
    </ConfirmDialog>
  )
}
