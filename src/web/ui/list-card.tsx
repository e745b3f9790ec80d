import { Card, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { ErrorPanel } from '../app/status-pages.tsx'
import { CardHeader } from './card-header.tsx'

/**
 * A card whose body runs to its edges (a data table, a list of rows): a title with a short summary
 * on the right ("3 active", "12 people") or buttons, then the body, or the query's error with
 * "Try again" in its place. Dialogs the rows open can sit beside it: they render in a portal.
 */
export function ListCard({
  title,
  description,
  summary,
  actions,
  error,
  onRetry,
  children,
}: {
  title: ReactNode
  description?: ReactNode
  /** dimmed words on the right; nothing while it is falsy (e.g. before the data is there) */
  summary?: ReactNode
  /** buttons on the right, after the summary */
  actions?: ReactNode
  /** the query's error, shown instead of the body */
  error?: unknown
  onRetry?: () => void
  children: ReactNode
}) {
  const aside = (summary || actions) && (
    <>
      {summary && (
        <Text fz="sm" c="dimmed">
          {summary}
        </Text>
      )}
      {actions}
    </>
  )
  return (
    <Card p={0}>
      <CardHeader inset title={title} description={description} aside={aside} />
      {error ? <ErrorPanel error={error} onRetry={onRetry} /> : children}
    </Card>
  )
}
