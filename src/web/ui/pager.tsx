import { Group, Pagination } from '@mantine/core'

/** Page 1 … n under a list, each control named for screen readers ("Page 3", "Next page"). */
export function Pager({
  total,
  value,
  onChange,
}: {
  total: number
  value: number
  onChange: (page: number) => void
}) {
  return (
    <Group justify="center" p="lg">
      <Pagination
        total={total}
        value={value}
        onChange={onChange}
        siblings={1}
        boundaries={1}
        size="sm"
        getControlProps={(control) =>
          control === 'previous'
            ? { 'aria-label': 'Previous page' }
            : control === 'next'
              ? { 'aria-label': 'Next page' }
              : {}
        }
        getItemProps={(p) => ({ 'aria-label': `Page ${p}` })}
      />
    </Group>
  )
}
