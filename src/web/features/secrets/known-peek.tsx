import { ActionIcon, Anchor, Group, Popover, Text } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { IconLockHeart } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { Link } from 'react-router'
import { useWorkspace } from '../../app/workspace-context.ts'
import { WhatWeKnow } from './what-we-know.tsx'

/**
 * A peek at "what do we know?" beside a customer wherever they are listed: opens on hover (mouse),
 * on tap (phone) and on Enter/Space (keyboard). The answer is fetched only once it opens, since
 * every read is audited.
 */
export function KnownPeek({ customer }: { customer: { id: string; name: string } }) {
  const { slug } = useWorkspace()
  const [opened, setOpened] = useState(false)
  const narrow = useMediaQuery('(max-width: 36em)') ?? false
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const later = (open: boolean, ms: number) => {
    clearTimeout(timer.current)
    timer.current = setTimeout(() => setOpened(open), ms)
  }
  useEffect(() => () => clearTimeout(timer.current), [])

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position={narrow ? 'bottom-start' : 'right-start'}
      width={narrow ? 'calc(100vw - 32px)' : 340}
      middlewares={{ flip: true, shift: { padding: 8 } }}
      shadow="md"
      withArrow
      returnFocus
      closeOnEscape
      withinPortal
    >
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="violet"
          size="sm"
          aria-label={`What we know about ${customer.name}`}
          aria-expanded={opened}
          aria-haspopup="dialog"
          data-peek
          onClick={(e) => {
            e.stopPropagation()
            clearTimeout(timer.current)
            setOpened((o) => !o)
          }}
          onMouseEnter={() => later(true, 300)}
          onMouseLeave={() => later(false, 200)}
        >
          <IconLockHeart size={16} stroke={1.7} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown
        // the dropdown lives in a portal but React still bubbles its clicks to the row underneath
        onClick={(e) => e.stopPropagation()}
        onMouseEnter={() => clearTimeout(timer.current)}
        onMouseLeave={() => later(false, 200)}
        aria-label={`What we know about ${customer.name}`}
        role="dialog"
      >
        <Group justify="space-between" mb="xs" wrap="nowrap" gap="xs">
          <Text fz="sm" fw={700} truncate="end">
            {customer.name}
          </Text>
          <Anchor
            component={Link}
            to={`/w/${slug}/customers/${encodeURIComponent(customer.id)}`}
            fz="xs"
            style={{ whiteSpace: 'nowrap' }}
          >
            Open
          </Anchor>
        </Group>
        {opened && <WhatWeKnow customerId={customer.id} compact />}
      </Popover.Dropdown>
    </Popover>
  )
}
