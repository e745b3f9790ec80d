import { ActionIcon, Button, Kbd, Skeleton, Tooltip } from '@mantine/core'
import { useDisclosure, useHotkeys } from '@mantine/hooks'
import { IconMicrophone2 } from '@tabler/icons-react'
import { lazy, Suspense } from 'react'
import { useMatch } from 'react-router'
import { useWorkspace } from '../../app/workspace-context.ts'
import { Dialog } from '../../ui/dialog.tsx'
import { CAPTURE_HOTKEY } from './secrets-words.ts'

const CaptureDialogBody = lazy(() =>
  import('./capture-body.tsx').then((m) => ({ default: m.CaptureDialogBody })),
)

/**
 * "Record a secret" from anywhere in the workspace: the header button, or the `r` key outside a
 * text field. On a customer's page the customer is already chosen; elsewhere, pick one first.
 */
export function CaptureLauncher() {
  const { role } = useWorkspace()
  const [opened, { open, close }] = useDisclosure(false)
  const here = useMatch({ path: '/w/:slug/customers/:id', end: false })
  const hereId = here?.params.id && here.params.id !== 'new' ? here.params.id : null
  const mayWrite = role !== 'marketing'

  useHotkeys(
    mayWrite
      ? [
          [
            CAPTURE_HOTKEY,
            () => {
              // another dialog has the person's attention: a stray "r" must not pile this on top
              if (!opened && document.querySelector('[role="dialog"][aria-modal="true"]')) return
              open()
            },
          ],
        ]
      : [],
  )
  if (!mayWrite) return null

  return (
    <>
      <Tooltip
        label={
          <>
            Record a secret <Kbd size="xs">R</Kbd>
          </>
        }
        withArrow
      >
        <Button
          variant="light"
          size="sm"
          onClick={open}
          leftSection={<IconMicrophone2 size={16} />}
          rightSection={<Kbd size="xs">R</Kbd>}
          visibleFrom="sm"
          aria-keyshortcuts="r"
        >
          Record a secret
        </Button>
      </Tooltip>
      <ActionIcon
        variant="light"
        size="lg"
        radius="xl"
        onClick={open}
        hiddenFrom="sm"
        aria-label="Record a secret"
        aria-keyshortcuts="r"
      >
        <IconMicrophone2 size={18} />
      </ActionIcon>
      <Dialog opened={opened} onClose={close} title="Record a secret" size="lg" fullScreenOnPhone>
        {/* the text box takes the focus itself once a customer is chosen */}
        {opened && (
          <Suspense fallback={<Skeleton h={240} />}>
            <CaptureDialogBody initialCustomerId={hereId} />
          </Suspense>
        )}
      </Dialog>
    </>
  )
}
