import { Text, Tooltip } from '@mantine/core'
import { formatDateTime, fromNow } from './format.ts'

/** "3 minutes ago", with the date and time in full on hover; `inline` takes the size of the text around it. */
export function RelativeTime({ iso, inline = false }: { iso: string; inline?: boolean }) {
  return (
    <Tooltip label={formatDateTime(iso)}>
      <Text fz={inline ? 'inherit' : 'sm'} c="dimmed" component="span" style={{ whiteSpace: 'nowrap' }}>
        {fromNow(iso)}
      </Text>
    </Tooltip>
  )
}
