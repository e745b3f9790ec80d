import '@mantine/spotlight/styles.css'
import { Group, Kbd, Table, Text } from '@mantine/core'
import { useDebouncedValue, useDisclosure, useHotkeys } from '@mantine/hooks'
import {
  Spotlight,
  type SpotlightActionData,
  type SpotlightActionGroupData,
  spotlight,
} from '@mantine/spotlight'
import { IconAddressBook, IconKeyboard, IconSearch } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { useNavigate } from 'react-router'
import { customersKey } from '../features/customers/customers-api.ts'
import { CAPTURE_HOTKEY } from '../features/secrets/secrets-words.ts'
import { Dialog } from '../ui/dialog.tsx'
import { api } from './api.ts'
import { AREAS, SETTINGS, visibleTo } from './nav.tsx'
import type { CustomerList } from './types.ts'
import { useWorkspace } from './workspace-context.ts'

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)
const MOD = isMac ? '⌘' : 'Ctrl'

/** another dialog has the person's attention: a stray key must not pile a second one on top */
const dialogOpen = () => !!document.querySelector('[role="dialog"][aria-modal="true"]')

/** the page's own search box, if it has one on screen */
const pageSearch = () =>
  [...document.querySelectorAll<HTMLInputElement>('main input[type="search"]')].find(
    (el) => !el.disabled && el.offsetParent !== null,
  )

/**
 * The habits people bring from other tools, everywhere in a workspace: `/` to the page's search
 * (or the palette when the page has none), `?` for this list, Cmd/Ctrl-K to jump to any page or
 * customer. Typing in a field is never taken for a shortcut.
 */
export function WorkspaceShortcuts() {
  const { role } = useWorkspace()
  const [help, { open: openHelp, close: closeHelp }] = useDisclosure(false)

  useHotkeys([
    [
      '/',
      () => {
        if (dialogOpen()) return
        const search = pageSearch()
        if (search) {
          search.focus()
          search.select()
        } else spotlight.open()
      },
    ],
    [
      'shift+?',
      () => {
        if (!dialogOpen()) openHelp()
      },
    ],
  ])

  const keys: [string[], string][] = [
    [['/'], 'Search this page (or jump anywhere when it has no search)'],
    [[MOD, 'K'], 'Jump to a page or a customer'],
    ...(role !== 'marketing'
      ? [[[CAPTURE_HOTKEY.toUpperCase()], 'Record a secret'] as [string[], string]]
      : []),
    [['?'], 'Show these shortcuts'],
    [['Esc'], 'Close a dialog'],
  ]

  return (
    <>
      <JumpAnywhere onShortcuts={openHelp} />
      <Dialog opened={help} onClose={closeHelp} title="Keyboard shortcuts" size="md">
        <Table verticalSpacing="xs">
          <Table.Tbody>
            {keys.map(([combo, what]) => (
              <Table.Tr key={what}>
                <Table.Td w={110} style={{ whiteSpace: 'nowrap' }}>
                  <Group gap={4} wrap="nowrap">
                    {combo.map((k) => (
                      <Kbd key={k}>{k}</Kbd>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>{what}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text fz="sm" c="dimmed" mt="sm">
          Shortcuts wait while you type in a field.
        </Text>
      </Dialog>
    </>
  )
}

const matches = (query: string, ...texts: (string | undefined)[]) => {
  const q = query.trim().toLowerCase()
  return !q || texts.some((t) => t?.toLowerCase().includes(q))
}

/** Cmd/Ctrl-K: the pages this role may open, and customers by name through the customer search */
function JumpAnywhere({ onShortcuts }: { onShortcuts: () => void }) {
  const { slug, role } = useWorkspace()
  const navigate = useNavigate()
  const [query, setQuery] = useState('')
  const [debounced] = useDebouncedValue(query.trim(), 200)

  const customers = useQuery({
    queryKey: [...customersKey(slug), 'jump', debounced],
    enabled: debounced.length >= 2,
    queryFn: ({ signal }) =>
      api<CustomerList>(`/customers?${new URLSearchParams({ q: debounced, pageSize: '6' })}`, {
        workspace: slug,
        signal,
      }),
  })

  const pages = useMemo<SpotlightActionData[]>(
    () =>
      [...AREAS, ...SETTINGS]
        .filter(visibleTo(role))
        .filter((item) => !item.soon)
        .map((item) => {
          const Icon = item.icon
          return {
            id: `page:${item.path}`,
            label: item.label,
            description: item.description,
            leftSection: <Icon size={20} stroke={1.6} />,
            onClick: () => navigate(item.path ? `/w/${slug}/${item.path}` : `/w/${slug}`),
          }
        }),
    [role, slug, navigate],
  )

  const found = debounced.length >= 2 && debounced === query.trim() ? (customers.data?.customers ?? []) : []
  const actions: SpotlightActionGroupData[] = [
    { group: 'Pages', actions: pages.filter((a) => matches(query, a.label, a.description)) },
    {
      group: 'Customers',
      actions: found.map((c) => ({
        id: `customer:${c.id}`,
        label: c.name,
        description: [c.value.tier ? `Tier ${c.value.tier}` : null, c.segment, c.country]
          .filter(Boolean)
          .join(' · '),
        leftSection: <IconAddressBook size={20} stroke={1.6} />,
        onClick: () => navigate(`/w/${slug}/customers/${encodeURIComponent(c.id)}`),
      })),
    },
    {
      group: 'Help',
      actions: [
        {
          id: 'help:shortcuts',
          label: 'Keyboard shortcuts',
          leftSection: <IconKeyboard size={20} stroke={1.6} />,
          onClick: onShortcuts,
        },
      ].filter((a) => matches(query, a.label, 'keys help')),
    },
  ].filter((g) => g.actions.length > 0)

  const searching = query.trim().length >= 2 && (customers.isFetching || debounced !== query.trim())
  return (
    <Spotlight
      actions={actions}
      // the customer search already matched (typos tolerated): only the pages are filtered here
      filter={(_query, all) => all}
      query={query}
      onQueryChange={setQuery}
      shortcut={['mod + K']}
      // Cmd/Ctrl-K works from inside a field too
      tagsToIgnore={[]}
      nothingFound={searching ? 'Looking for customers…' : 'Nothing found'}
      highlightQuery
      scrollable
      maxHeight={420}
      searchProps={{
        leftSection: <IconSearch size={18} stroke={1.6} />,
        placeholder: 'Jump to a page or a customer…',
        'aria-label': 'Jump to a page or a customer',
      }}
    />
  )
}
