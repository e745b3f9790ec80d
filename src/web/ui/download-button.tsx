import { Button, type ButtonProps } from '@mantine/core'
import { type ReactNode, useState } from 'react'
import { notifyError, notifySuccess } from '../app/notify.ts'

/** What the person is told of a download: its failure's title, and what to say once it is saved. */
export interface DownloadWords {
  /** the title of the notification when it fails ("The export did not download") */
  failed: string
  /** said once it is saved, with the file's name: where it went, that it was audited */
  saved?: (file: string) => { message: string; title?: string }
}

/**
 * A file fetched from the API and handed to the browser (see `downloadFile`): `pending` while it
 * downloads (a spinner on the button), a failure told as a notification, never thrown.
 */
export function useDownload({ failed, saved }: DownloadWords) {
  const [pending, setPending] = useState(false)
  const download = async (fetchFile: () => Promise<unknown>) => {
    setPending(true)
    try {
      const file = await fetchFile()
      const said = typeof file === 'string' ? saved?.(file) : undefined
      if (said) notifySuccess(said.message, said.title)
    } catch (e) {
      notifyError(e, failed)
    } finally {
      setPending(false)
    }
  }
  return { pending, download }
}

/** "An export is in your downloads and in the audit trail": what an audited export says once saved. */
export const savedAndAudited =
  (title: string) =>
  (file: string): { message: string; title: string } => ({
    message: `${file} is in your downloads. The export is recorded in the audit trail.`,
    title,
  })

/** A button that downloads one file: its spinner while the file comes, its failure as a notification. */
export function DownloadButton({
  download: fetchFile,
  failed,
  saved,
  icon,
  children,
  variant = 'default',
  ...button
}: DownloadWords & {
  download: () => Promise<unknown>
  icon: ReactNode
  children: ReactNode
  'aria-label'?: string
} & Pick<ButtonProps, 'variant' | 'size'>) {
  const { pending, download } = useDownload({ failed, ...(saved ? { saved } : {}) })
  return (
    <Button
      variant={variant}
      leftSection={icon}
      loading={pending}
      onClick={() => void download(fetchFile)}
      {...button}
    >
      {children}
    </Button>
  )
}
