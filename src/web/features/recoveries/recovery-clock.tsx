import { Badge, type BadgeProps, Group, Paper, Progress, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconCheck, IconClock, IconGift, IconTool } from '@tabler/icons-react'
import { type ReactNode, useSyncExternalStore } from 'react'
import { formatDateTime } from '../../app/format.ts'
import type { Clock, ClockState, OopsSummary } from './recovery-types.ts'
import { CLOCK_COLORS, CLOCK_LABELS } from './recovery-words.ts'

// ---- one shared ticker: every clock on the page moves on the same second, with one timer ---------

const listeners = new Set<() => void>()
let timer: ReturnType<typeof setInterval> | null = null
let current = Date.now()

const subscribe = (onTick: () => void) => {
  listeners.add(onTick)
  current = Date.now()
  if (!timer) {
    timer = setInterval(() => {
      current = Date.now()
      for (const l of listeners) l()
    }, 1000)
  }
  return () => {
    listeners.delete(onTick)
    if (listeners.size === 0 && timer) {
      clearInterval(timer)
      timer = null
    }
  }
}

/** The time now, re-rendering every second while mounted. */
export const useNow = (): number => useSyncExternalStore(subscribe, () => current)

// ---- the clock read on this device -----------------------------------------------------------------

const HOUR = 3_600_000

export interface LiveClock {
  state: ClockState
  /** ms left (negative once breached); null once both the fix and the surprise are done */
  remainingMs: number | null
  /** 0..1 of the window gone */
  elapsed: number
  /** closed without both done: the clock no longer runs */
  stopped: boolean
}

/**
 * The server's reading moved on to `now`: `offsetMs` is how far the server's clock is ahead of this
 * device's (from the answer itself), so a phone with a wrong clock still counts the right minutes.
 */
export const liveClock = (
  clock: Clock,
  windowHours: number,
  status: OopsSummary['status'],
  now: number,
  offsetMs = 0,
): LiveClock => {
  const deadline = Date.parse(clock.deadline)
  const start = deadline - windowHours * HOUR
  if (clock.state === 'dazzling' || clock.state === 'recovered_late') {
    return { state: clock.state, remainingMs: null, elapsed: 1, stopped: true }
  }
  const t = now + offsetMs
  const remainingMs = deadline - t
  const state: ClockState =
    remainingMs < 0 ? 'breached' : t >= Date.parse(clock.atRiskFrom) ? 'at_risk' : 'on_track'
  return {
    state,
    remainingMs,
    elapsed: Math.min(1, Math.max(0, (t - start) / (deadline - start || 1))),
    stopped: status === 'closed',
  }
}

/** How far the server's clock is ahead of ours, from an answer received at `receivedAt`. */
export const serverOffset = (clock: Clock, receivedAt: number): number =>
  clock.remainingMs === null ? 0 : Date.parse(clock.deadline) - clock.remainingMs - receivedAt

const pad = (n: number) => String(n).padStart(2, '0')

/** "23:59:07" */
export const hms = (ms: number): string => {
  const s = Math.floor(Math.abs(ms) / 1000)
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`
}

/** "5 h 12 min left", "4 min 09 s left", "breached 2 h 3 min ago" */
export const remainingWords = (ms: number): string => {
  const abs = Math.abs(ms)
  const h = Math.floor(abs / HOUR)
  const m = Math.floor((abs % HOUR) / 60_000)
  const s = Math.floor((abs % 60_000) / 1000)
  const span = h > 0 ? `${h} h ${m} min` : `${m} min ${pad(s)} s`
  return ms >= 0 ? `${span} left` : `breached ${span} ago`
}

const badgeText = (c: LiveClock, oops: Pick<OopsSummary, 'status'>): string => {
  if (c.remainingMs === null) return CLOCK_LABELS[c.state]
  if (c.stopped) return oops.status === 'closed' ? 'Closed without surprise' : CLOCK_LABELS[c.state]
  if (c.remainingMs < 0) return `Breached ${remainingWords(c.remainingMs).replace('breached ', '')}`
  return `${CLOCK_LABELS[c.state]} · ${remainingWords(c.remainingMs)}`
}

/** The clock as a badge in a list row: state and time left, ticking. */
export function ClockBadge({
  oops,
  offsetMs = 0,
  ...props
}: {
  oops: Pick<OopsSummary, 'clock' | 'status'> & { windowHours?: number }
  offsetMs?: number
} & BadgeProps) {
  const now = useNow()
  const c = liveClock(oops.clock, oops.windowHours ?? 24, oops.status, now, offsetMs)
  return (
    <Badge
      color={c.stopped && c.remainingMs !== null ? 'gray' : CLOCK_COLORS[c.state]}
      variant={c.state === 'breached' && !c.stopped ? 'filled' : 'light'}
      leftSection={<IconClock size={12} aria-hidden />}
      style={{ fontVariantNumeric: 'tabular-nums' }}
      data-clock-state={c.state}
      {...props}
    >
      {badgeText(c, oops)}
    </Badge>
  )
}

/** The recovery screen's clock: big, coloured, ticking every second, with what it still needs. */
export function ClockPanel({
  clock,
  windowHours,
  status,
  offsetMs,
}: {
  clock: Clock
  windowHours: number
  status: OopsSummary['status']
  offsetMs: number
}) {
  const now = useNow()
  const c = liveClock(clock, windowHours, status, now, offsetMs)
  const color = c.stopped && c.remainingMs !== null ? 'gray' : CLOCK_COLORS[c.state]
  const headline =
    c.remainingMs === null
      ? c.state === 'dazzling'
        ? 'Dazzling recovery'
        : 'Recovered, but late'
      : c.stopped
        ? 'Closed without the surprise'
        : c.remainingMs >= 0
          ? hms(c.remainingMs)
          : `−${hms(c.remainingMs)}`
  const sub =
    c.remainingMs === null
      ? c.state === 'dazzling'
        ? 'Fix and surprise both inside the window.'
        : 'Fix and surprise are done, but not both inside the window.'
      : c.stopped
        ? 'The OOPS! was closed before a surprise was recorded.'
        : c.remainingMs >= 0
          ? `left to fix it and surprise them · ${CLOCK_LABELS[c.state].toLowerCase()}`
          : 'past the deadline: the window is blown, finish the recovery anyway'
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      role="timer"
      aria-label={`Recovery clock: ${CLOCK_LABELS[c.state]}${c.remainingMs !== null ? `, ${remainingWords(c.remainingMs)}` : ''}`}
      data-clock-state={c.state}
      style={{
        borderColor: `var(--mantine-color-${color}-filled)`,
        borderWidth: 2,
        background: `var(--mantine-color-${color}-light)`,
      }}
    >
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap={6}>
              <Badge color={color} variant="filled" size="lg">
                {c.stopped && c.remainingMs !== null ? 'Closed' : CLOCK_LABELS[c.state]}
              </Badge>
              <Text fz="xs" c="dimmed">
                {windowHours} h window
              </Text>
            </Group>
            <Text
              fz={c.remainingMs === null || c.stopped ? { base: 28, sm: 34 } : { base: 40, sm: 52 }}
              fw={800}
              lh={1.1}
              c={`${color}.${c.state === 'on_track' ? 8 : 7}`}
              style={{ fontVariantNumeric: 'tabular-nums', letterSpacing: -1 }}
              aria-hidden
            >
              {headline}
            </Text>
            <Text fz="sm" c="dimmed">
              {sub}
            </Text>
          </Stack>
          <ThemeIcon size={48} radius="xl" color={color} variant="light" visibleFrom="xs" aria-hidden>
            <IconClock size={28} />
          </ThemeIcon>
        </Group>
        <Progress
          value={c.elapsed * 100}
          color={color}
          size="md"
          radius="xl"
          aria-label="Share of the window gone"
        />
        <Group justify="space-between" gap="xs" fz="xs">
          <Text fz="xs" c="dimmed">
            Deadline {formatDateTime(clock.deadline)}
          </Text>
          <Text fz="xs" c="dimmed">
            At risk from {formatDateTime(clock.atRiskFrom)}
          </Text>
        </Group>
        <Group gap="xs">
          <Done done={clock.fixDone} icon={<IconTool size={14} />} label="Fix" />
          <Done done={clock.surpriseDone} icon={<IconGift size={14} />} label="Surprise" />
        </Group>
      </Stack>
    </Paper>
  )
}

function Done({ done, icon, label }: { done: boolean; icon: ReactNode; label: string }) {
  return (
    <Badge
      size="lg"
      variant={done ? 'filled' : 'default'}
      color={done ? 'teal' : 'gray'}
      leftSection={done ? <IconCheck size={14} /> : icon}
    >
      {label} {done ? 'done' : 'to do'}
    </Badge>
  )
}
