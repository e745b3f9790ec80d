import type { ComponentProps, ReactNode } from 'react'
import { DataTable } from './data-table.tsx'
import { ListCard } from './list-card.tsx'

type TableProps<T> = Parameters<typeof DataTable<T>>[0]

/**
 * A `ListCard` whose body is one `DataTable`: the card's header (title, description, summary,
 * actions, error) as props, the table as `table`, named by the card's title unless it says
 * otherwise. Something above the table (figures) goes in `above`; the dialogs its rows open go in
 * `children`, after it.
 */
export function TableCard<T>({
  table,
  above,
  children,
  ...card
}: Omit<ComponentProps<typeof ListCard>, 'children'> & {
  /** the table; `label` (its accessible name) is the card's title when left out and the title is words */
  table: Omit<TableProps<T>, 'label'> & { label?: string }
  above?: ReactNode
  children?: ReactNode
}) {
  const label = table.label ?? (typeof card.title === 'string' ? card.title : (card.label ?? ''))
  return (
    <ListCard {...card}>
      {above}
      <DataTable {...table} label={label} />
      {children}
    </ListCard>
  )
}
