import { Alert, Button, Group, List, Menu, Paper, Stack, Text, TextInput, ThemeIcon } from '@mantine/core'
import {
  IconAlertTriangle,
  IconChevronDown,
  IconFileDownload,
  IconShieldLock,
  IconUserX,
} from '@tabler/icons-react'
import { type ReactNode, useState } from 'react'
import { confirmationMatches } from '../../../domain/customers/privacy.ts'
import { formatDate } from '../../app/format.ts'
import { notifySuccess } from '../../app/notify.ts'
import type { CustomerDetail } from '../../app/types.ts'
import { useWorkspace } from '../../app/workspace-context.ts'
import { savedAndAudited, useDownload } from '../../ui/download-button.tsx'
import { FormModal } from '../../ui/form-modal.tsx'
import { downloadCustomerExport, useEraseCustomer } from './privacy-api.ts'

/**
 * The customer page's privacy actions, beside its own (`children`): admins export everything held
 * about the customer as JSON, or erase the customer on request after typing its name. An erased
 * customer shows that it was erased instead, and nothing can be changed on it.
 */
export function PrivacyActions({ c, children }: { c: CustomerDetail; children?: ReactNode }) {
  const { role } = useWorkspace()
  if (c.erasedAt) return <ErasedNote erasedAt={c.erasedAt} />
  return (
    <Group gap="xs" wrap="wrap">
      {children}
      {role === 'admin' && <PrivacyMenu c={c} />}
    </Group>
  )
}

function ErasedNote({ erasedAt }: { erasedAt: string }) {
  return (
    <Paper withBorder p="sm" maw={380} role="status" aria-label="Erased customer">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon color="gray" variant="light" size={32} radius="md" aria-hidden>
          <IconUserX size={18} />
        </ThemeIcon>
        <Stack gap={2}>
          <Text fz="sm" fw={600}>
            Erased on request, {formatDate(erasedAt)}
          </Text>
          <Text fz="xs" c="dimmed">
            Its secrets, people, family, engagements and notes are gone. Its purchases are kept, anonymised,
            so revenue figures and tiers stay right.
          </Text>
        </Stack>
      </Group>
    </Paper>
  )
}

function PrivacyMenu({ c }: { c: CustomerDetail }) {
  const { slug } = useWorkspace()
  const exporting = useDownload({
    failed: 'The export did not download',
    saved: savedAndAudited('Data exported'),
  })
  const [erasing, setErasing] = useState(false)
  const exportAll = () => exporting.download(() => downloadCustomerExport(slug, c.id))
  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md" width={260}>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconShieldLock size={16} />}
            rightSection={<IconChevronDown size={14} />}
            loading={exporting.pending}
          >
            Privacy
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>The customer’s data (admins)</Menu.Label>
          <Menu.Item leftSection={<IconFileDownload size={16} />} onClick={exportAll}>
            Export all data (JSON)
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconUserX size={16} />} onClick={() => setErasing(true)}>
            Erase customer…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <EraseModal c={c} opened={erasing} onClose={() => setErasing(false)} onExport={exportAll} />
    </>
  )
}

function EraseModal({
  c,
  opened,
  onClose,
  onExport,
}: {
  c: CustomerDetail
  opened: boolean
  onClose: () => void
  onExport: () => void
}) {
  const erase = useEraseCustomer(c.id)
  const [typed, setTyped] = useState('')
  const matches = confirmationMatches(c.name, typed)
  const close = () => {
    setTyped('')
    erase.reset()
    onClose()
  }
  const submit = () => {
    if (!matches) return
    erase.mutate(typed, {
      onSuccess: (r) => {
        close()
        notifySuccess(
          `${r.counts.secrets} secrets, ${r.counts.people} people, ${r.counts.relations} family members and ${r.counts.engagements} engagements deleted; ${r.counts.purchasesAnonymised} purchase lines and ${r.counts.oopsAnonymised} OOPS! cases kept, anonymised.`,
          `${c.name} is erased`,
        )
      },
    })
  }
  return (
    <FormModal
      opened={opened}
      onClose={close}
      title={`Erase ${c.name}?`}
      size="lg"
      onSubmit={submit}
      submitLabel="Erase customer"
      submitIcon={<IconUserX size={16} />}
      submitColor="red"
      submitDisabled={!matches}
      pending={erase.isPending}
      error={erase.error}
      errorTitle="The customer was not erased"
    >
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="This cannot be undone">
        Use it when the customer asks to be forgotten. If they also asked for a copy of their data,{' '}
        <Text
          component="button"
          type="button"
          fz="sm"
          fw={600}
          c="var(--mantine-color-anchor)"
          onClick={onExport}
          style={{
            background: 'none',
            border: 0,
            padding: 0,
            cursor: 'pointer',
            textDecoration: 'underline',
          }}
        >
          export it first
        </Text>
        .
      </Alert>
      <div>
        <Text fz="sm" fw={600} mb={4}>
          Deleted for good
        </Text>
        <List fz="sm" spacing={2}>
          <List.Item>every secret, with its history</List.Item>
          <List.Item>people and family</List.Item>
          <List.Item>engagements and notes</List.Item>
          <List.Item>name, external id, country, owner, consent</List.Item>
        </List>
      </div>
      <div>
        <Text fz="sm" fw={600} mb={4}>
          Kept, anonymised
        </Text>
        <Text fz="sm" c="dimmed">
          The customer stays as “Erased customer” with its value figures and tier, and its purchase lines keep
          their amounts, dates and products (invoice numbers and descriptions removed), so revenue figures
          stay exactly right. The audit trail records the erasure, by counts.
        </Text>
      </div>
      <TextInput
        label={`Type “${c.name}” to confirm`}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        autoComplete="off"
        data-autofocus
        required
      />
    </FormModal>
  )
}
