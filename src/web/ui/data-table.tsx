import {
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  UnstyledButton,
  useMantineTheme,
  VisuallyHidden,
} from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { IconArrowDown, IconArrowsSort, IconArrowUp } from '@tabler/icons-react'
import { type CSSProperties, Fragment, type MouseEvent, type ReactNode, useState } from 'react'
import './data-table.css'
import { Pager } from './pager.tsx'
import { nextSort, pageCount, pageOf, type SortState, type SortValue, sortRows } from './table-rows.ts'

export type { SortState } from './table-rows.ts'

/** One column of a `DataTable`. */
export interface Column<T> {
  key: string
  /** The header; on a phone, the label of the line in each card. */
  header: string
  /** Keep the header for screen readers only (an actions column). */
  hideHeader?: boolean
  cell: (row: T) => ReactNode
  /** Makes the column sortable (client-side) by this value; with `sort`/`onSort`, by the server. */
  sortValue?: (row: T) => SortValue
  sortable?: boolean
  align?: 'left' | 'right'
  /** On the wide table, only from this breakpoint up (a phone shows every column in the card). */
  visibleFrom?: 'xs' | 'sm' | 'md' | 'lg' | 'xl'
  nowrap?: boolean
  /** The narrowest the column gets on the wide table (a name that should not wrap word by word). */
  minWidth?: number
  /**
   * Its place in a phone's card: `title` heads the card, `actions` sits at its foot (and, on the wide
   * table, stays in view at the right edge: a last column is never cut), `hidden` is left out,
   * `line` (default) is a labelled line.
   */
  phone?: 'title' | 'actions' | 'hidden' | 'line'
}

/** The row's buttons: last, header for screen readers only, at a card's foot on a phone, never cut. */
export const actionsColumn = <T,>(cell: (row: T) => ReactNode): Column<T> => ({
  key: 'actions',
  header: 'Actions',
  hideHeader: true,
  phone: 'actions',
  align: 'right',
  cell,
})

/**
 * The one table of the app: columns described once, then sorting by a header, paging, a loading
 * state, an empty state, and a phone layout where each row becomes a card. Sorting and paging are
 * done here for the rows given, or by the caller (server-side) when `sort`/`page` are passed.
 */
export function DataTable<T>({
  label,
  rows,
  rowKey,
  columns,
  empty,
  loading = false,
  loadingRows = 2,
  pageSize,
  initialSort = null,
  sort: sortProp,
  onSort,
  page: pageProp,
  total,
  onPage,
  rowStyle,
  minWidth,
  afterRow,
  stale = false,
  onRowClick,
  caption,
  dense = false,
  spanRow,
  narrow = false,
}: {
  /** The table's accessible name. */
  label: string
  rows: readonly T[] | undefined
  rowKey: (row: T) => string
  columns: Column<T>[]
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode
  loading?: boolean
  loadingRows?: number
  /** Rows per page; no paging without it. */
  pageSize?: number
  initialSort?: SortState | null
  /** Server-side sort: the current one, and what a click on a header asks for. */
  sort?: SortState | null
  onSort?: (next: SortState | null, column: string) => void
  /** Server-side paging: the page shown, the number of rows in all pages, and a page asked for. */
  page?: number
  total?: number
  onPage?: (page: number) => void
  rowStyle?: (row: T) => CSSProperties | undefined
  /** Below this width (px) the wide table scrolls sideways, its actions column staying in view. */
  minWidth?: number
  /** Something under a row (an expanded detail): across all columns, or at the foot of its card. */
  afterRow?: (row: T) => ReactNode
  /** The rows are the last page's while the next one loads: shown dimmed. */
  stale?: boolean
  /**
   * A click anywhere on the row (not on a link or button in it) does what its title's link does:
   * the link stays the way there for the keyboard and screen readers.
   */
  onRowClick?: (row: T) => void
  /** A line under the wide table saying what it lists. */
  caption?: ReactNode
  /** Tighter rows, for a table inside a document or a card of figures. */
  dense?: boolean
  /**
   * For a row that has no cells to show (a row of a file that could not be read): one message
   * across every column after the first, or under the first in its card.
   */
  spanRow?: (row: T) => ReactNode
  /**
   * Narrower gaps between columns, and headers that may wrap ("Lifetime / revenue"): for a table of
   * many columns that should fit without scrolling.
   */
  narrow?: boolean
}) {
  const theme = useMantineTheme()
  const phone = useMediaQuery(`(max-width: ${theme.breakpoints.sm})`) ?? false
  const [ownSort, setOwnSort] = useState<SortState | null>(initialSort)
  const [ownPage, setOwnPage] = useState(1)
  const serverSort = sortProp !== undefined
  const serverPage = pageProp !== undefined
  const sort = serverSort ? sortProp : ownSort

  if (!loading && rows?.length === 0) {
    return typeof empty === 'string' ? (
      <Text c="dimmed" fz="sm" px="lg" pb="lg">
        {empty}
      </Text>
    ) : (
      empty
    )
  }

  const sortColumn = columns.find((c) => c.key === sort?.column)
  const sorted =
    rows && !serverSort && sort && sortColumn?.sortValue
      ? sortRows(rows, sortColumn.sortValue, sort.direction)
      : rows
  const paged: { rows: readonly T[]; page: number } =
    sorted && pageSize && !serverPage
      ? pageOf(sorted, ownPage, pageSize)
      : { rows: sorted ?? [], page: pageProp ?? 1 }
  const pages = pageSize ? pageCount(serverPage ? (total ?? 0) : (sorted?.length ?? 0), pageSize) : 1
  const clickSort = (key: string) => {
    const next = nextSort(sort ?? null, key)
    if (onSort) onSort(next, key)
    if (!serverSort) setOwnSort(next)
    if (!serverPage) setOwnPage(1)
  }
  const goTo = (p: number) => (serverPage ? onPage?.(p) : setOwnPage(p))
  const dimmed = stale ? { opacity: 0.6, transition: 'opacity 120ms' } : undefined
  const clickRow = onRowClick
    ? (row: T) => (e: MouseEvent) => {
        if ((e.target as HTMLElement).closest('a, button, input, [data-peek]')) return
        onRowClick(row)
      }
    : undefined

  const body = phone ? (
    <PhoneCards
      label={label}
      rows={paged.rows}
      rowKey={rowKey}
      columns={columns}
      loading={loading}
      n={loadingRows}
      afterRow={afterRow}
      style={dimmed}
      onClick={clickRow}
      spanRow={spanRow}
    />
  ) : (
    <Table.ScrollContainer minWidth={minWidth ?? 0}>
      <Table
        className={`dazzle-table dazzle-data-table${narrow ? ' dazzle-data-table-narrow' : ''}`}
        horizontalSpacing={narrow ? 'sm' : undefined}
        verticalSpacing={dense ? 4 : 'sm'}
        aria-label={label}
        highlightOnHover={!!onRowClick}
        style={dimmed}
      >
        {caption && <Table.Caption>{caption}</Table.Caption>}
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <HeaderCell key={c.key} column={c} sort={sort ?? null} onSort={clickSort} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {loading
            ? Array.from({ length: loadingRows }, (_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
                <Table.Tr key={i}>
                  <Table.Td colSpan={columns.length}>
                    <Skeleton h={28} />
                  </Table.Td>
                </Table.Tr>
              ))
            : paged.rows.map((row) => {
                const extra = afterRow?.(row)
                const spanned = spanRow?.(row)
                return (
                  <Fragment key={rowKey(row)}>
                    <Table.Tr
                      style={onRowClick ? { cursor: 'pointer', ...rowStyle?.(row) } : rowStyle?.(row)}
                      onClick={clickRow?.(row)}
                    >
                      {(spanned ? columns.slice(0, 1) : columns).map((c) => (
                        <Table.Td
                          key={c.key}
                          ta={c.align}
                          visibleFrom={c.visibleFrom}
                          className={cellClass(c)}
                        >
                          {c.cell(row)}
                        </Table.Td>
                      ))}
                      {spanned && <Table.Td colSpan={Math.max(1, columns.length - 1)}>{spanned}</Table.Td>}
                    </Table.Tr>
                    {extra && (
                      <Table.Tr>
                        <Table.Td colSpan={columns.length} bg="var(--mantine-color-default-hover)">
                          {extra}
                        </Table.Td>
                      </Table.Tr>
                    )}
                  </Fragment>
                )
              })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )

  return (
    <>
      {body}
      {pageSize && pages > 1 && <Pager total={pages} value={paged.page} onChange={goTo} />}
    </>
  )
}

const cellClass = <T,>(c: Column<T>) =>
  [c.nowrap || c.phone === 'actions' ? 'dazzle-nowrap' : '', c.phone === 'actions' ? 'dazzle-sticky-end' : '']
    .filter(Boolean)
    .join(' ') || undefined

function HeaderCell<T>({
  column: c,
  sort,
  onSort,
}: {
  column: Column<T>
  sort: SortState | null
  onSort: (key: string) => void
}) {
  const className = cellClass(c)
  if (c.hideHeader) {
    return (
      <Table.Th visibleFrom={c.visibleFrom} className={className}>
        <VisuallyHidden>{c.header}</VisuallyHidden>
      </Table.Th>
    )
  }
  if (!c.sortValue && !c.sortable) {
    return (
      <Table.Th ta={c.align} visibleFrom={c.visibleFrom} className={className} miw={c.minWidth}>
        {c.header}
      </Table.Th>
    )
  }
  const active = sort?.column === c.key
  const Icon = !active ? IconArrowsSort : sort.direction === 'asc' ? IconArrowUp : IconArrowDown
  return (
    <Table.Th
      ta={c.align}
      visibleFrom={c.visibleFrom}
      className={className}
      miw={c.minWidth}
      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <UnstyledButton
        onClick={() => onSort(c.key)}
        fz="sm"
        fw={active ? 700 : 600}
        title={`Sort by ${c.header.toLowerCase()}`}
      >
        <Group gap={4} wrap="nowrap" justify={c.align === 'right' ? 'flex-end' : 'flex-start'}>
          <span>{c.header}</span>
          <Icon size={14} stroke={1.8} style={{ opacity: active ? 1 : 0.45 }} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  )
}

/** The phone layout: one card a row, its title first, labelled lines, the actions at its foot. */
function PhoneCards<T>({
  label,
  rows,
  rowKey,
  columns,
  loading,
  n,
  afterRow,
  style,
  onClick,
  spanRow,
}: {
  label: string
  rows: readonly T[]
  rowKey: (row: T) => string
  columns: Column<T>[]
  loading: boolean
  n: number
  afterRow?: (row: T) => ReactNode
  style?: CSSProperties | undefined
  onClick?: ((row: T) => (e: MouseEvent) => void) | undefined
  spanRow?: ((row: T) => ReactNode) | undefined
}) {
  const title = columns.filter((c) => c.phone === 'title')
  const lines = columns.filter((c) => !c.phone || c.phone === 'line')
  const actions = columns.filter((c) => c.phone === 'actions')
  return (
    <Stack gap="sm" px="md" pb="md" role="list" aria-label={label} style={style}>
      {loading
        ? Array.from({ length: n }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
            <Skeleton key={i} h={72} radius="md" />
          ))
        : rows.map((row) => {
            const spanned = spanRow?.(row)
            return (
              <Paper
                key={rowKey(row)}
                withBorder
                p="sm"
                radius="md"
                role="listitem"
                onClick={onClick?.(row)}
                style={onClick ? { cursor: 'pointer' } : undefined}
              >
                <Stack gap={6}>
                  {title.map((c) => (
                    <div key={c.key}>{c.cell(row)}</div>
                  ))}
                  {spanned ??
                    lines.map((c) => (
                      <Group key={c.key} gap="xs" justify="space-between" wrap="nowrap" align="center">
                        <Text fz="xs" c="dimmed" style={{ flexShrink: 0 }}>
                          {c.header}
                        </Text>
                        <div style={{ minWidth: 0, textAlign: 'right' }}>{c.cell(row)}</div>
                      </Group>
                    ))}
                  {actions.length > 0 && (
                    <Group gap="xs" justify="flex-end">
                      {actions.map((c) => (
                        <div key={c.key}>{c.cell(row)}</div>
                      ))}
                    </Group>
                  )}
                  {afterRow?.(row)}
                </Stack>
              </Paper>
            )
          })}
    </Stack>
  )
}
