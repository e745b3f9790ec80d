import { Card, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { ErrorPanel } from '../app/status-pages.tsx'
import { CardHeader } from './card-header.tsx'

/**
 * A card whose body runs to its edges (a data table, a list of rows): an icon and title with a short
 * summary on the right ("3 active", "12 people", a badge of points) or buttons, then the body, or the
 * query's error with "Try again" in its place. Dialogs the rows open can sit beside it: they render
 * in a portal. With `label` it is a section of the page by that name.
 */
export function ListCard({
  icon,
  title,
  description,
  summary,
  actions,
  error,
  onRetry,
  label,
  'data-testid': testId,
  children,
}: {
  icon?: ReactNode
  title: ReactNode
  description?: ReactNode
  /** on the right: words (set dimmed) or a badge; nothing while it is falsy (before the data is there) */
  summary?: ReactNode
  /** buttons on the right, after the summary */
  actions?: ReactNode
  /** the query's error, shown instead of the body */
  error?: unknown
  onRetry?: () => void
  /** makes the card a section of the page with this accessible name */
  label?: string
  'data-testid'?: string
  children: ReactNode
}) {
  const aside = (summary || actions) && (
    <>
      {typeof summary === 'string' ? (
        <Text fz="sm" c="dimmed">
          {summary}
        </Text>
      ) : (
        summary
      )}
      {actions}
    </>
  )
  return (
    <Card p={0} data-testid={testId} {...(label ? { component: 'section', 'aria-label': label } : {})}>
      <CardHeader inset icon={icon} title={title} description={description} aside={aside} />
      {error ? <ErrorPanel error={error} onRetry={onRetry} /> : children}
    </Card>
  )
}
