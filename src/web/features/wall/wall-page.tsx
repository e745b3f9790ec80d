import { Loader, Stack, Text, Title } from '@mantine/core'
import { IconPlugConnectedX } from '@tabler/icons-react'
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import { useParams } from 'react-router'
import { AWARD_LABELS } from '../../../domain/awards/award.ts'
import { ApiError, api } from '../../app/api.ts'
import { formatNumber, formatShare } from '../../app/format.ts'
import { TrendCard } from '../scoreboard/scoreboard-trend.tsx'
import type { WallView } from './wall-api.ts'
import './wall.css'

/** each story and award stays up this long before the next one rotates in */
const ROTATE_MS = 12_000
/** after a dropped stream that EventSource gave up on, try again this often */
const RETRY_MS = 15_000

const share = (v: number | null) => (v === null ? '—' : formatShare(v, 0))
const hours = (v: number | null) => (v === null ? '—' : `${formatNumber(v)} h`)
const clockTime = (d: Date) =>
  new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }).format(d)

/**
 * `/wall/:token`: the office TV (issue 12, part 6). No sign-in: the link's token opens its
 * workspace's figures, read-only. The scoreboard's numbers, the trend, the latest stories and
 * awards rotating; live over server-sent events, so a closed recovery moves the numbers at once.
 */
export function WallPage() {
  const { token = '' } = useParams()
  const [view, setView] = useState<WallView | null>(null)
  const [refused, setRefused] = useState<string | null>(null)
  const [live, setLive] = useState(false)

  const load = useCallback(async () => {
    try {
      setView(await api<WallView>(`/wall/${encodeURIComponent(token)}`))
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status >= 400 && e.status < 500 && e.status !== 429) {
        setRefused(e.message)
        return false
      }
      return true
    }
  }, [token])

  useEffect(() => {
    let source: EventSource | null = null
    let retry: ReturnType<typeof setTimeout> | null = null
    let stopped = false
    const connect = () => {
      source = new EventSource(`/api/wall/${encodeURIComponent(token)}/stream`)
      source.onopen = () => setLive(true)
      source.addEventListener('wall', (e) => {
        setLive(true)
        setView(JSON.parse((e as MessageEvent<string>).data) as WallView)
      })
      const end = (e: Event) => {
        setRefused((JSON.parse((e as MessageEvent<string>).data) as { message: string }).message)
        stopped = true
        source?.close()
      }
      source.addEventListener('revoked', end)
      source.addEventListener('expired', end)
      source.onerror = () => {
        setLive(false)
        // EventSource reconnects by itself after a dropped stream; a refused one (4xx) it gives up on
        if (source?.readyState === EventSource.CLOSED && !stopped) {
          void load().then((ok) => {
            if (ok && !stopped) retry = setTimeout(connect, RETRY_MS)
          })
        }
      }
    }
    void load().then((ok) => {
      if (ok && !stopped) connect()
    })
    return () => {
      stopped = true
      source?.close()
      if (retry) clearTimeout(retry)
    }
  }, [token, load])

  if (refused) {
    return (
      <main className="wall-refused">
        <Stack align="center" gap="lg" maw={1100}>
          <IconPlugConnectedX size={96} stroke={1.4} aria-hidden />
          <Title order={1} fz={56}>
            This wall is switched off
          </Title>
          <Text fz={30} data-testid="wall-refused">
            {refused}
          </Text>
        </Stack>
      </main>
    )
  }
  if (!view) {
    return (
      <main className="wall-refused">
        <Loader size="xl" aria-label="Loading the wall" />
      </main>
    )
  }
  return <Wall view={view} live={live} />
}

function Wall({ view, live }: { view: WallView; live: boolean }) {
  const f = view.figures
  return (
    <main className="wall" aria-label={`${view.workspaceName} recovery wall`}>
      <header style={{ display: 'flex', alignItems: 'baseline', justifyContent: 'space-between', gap: 24 }}>
        <Title order={1} fz={{ base: 32, xl: 44 }} fw={800} lineClamp={1}>
          {view.workspaceName} · Recovery wall
        </Title>
        <div style={{ display: 'flex', gap: 28, alignItems: 'baseline', flexShrink: 0 }}>
          <span className="wall-sub">Last 90 days · as of {clockTime(new Date(view.asOf))}</span>
          <span className="wall-live" data-live={live} aria-live="polite">
            {live ? 'Live' : 'Reconnecting…'}
          </span>
        </div>
      </header>

      <section className="wall-figures" aria-label="Recovery figures">
        <Tile
          label="Dazzling share"
          value={share(f.dazzlingShare)}
          sub={`${f.dazzling} of ${f.decided} decided recoveries fixed and surprised in the window`}
          testId="wall-dazzling-share"
          color="#6b2fa3"
        />
        <Tile
          label="Recoveries open"
          value={formatNumber(f.open)}
          sub={`${f.atRisk} at risk · ${f.breached} breached`}
          testId="wall-open"
          color={f.breached > 0 ? '#a40e26' : f.atRisk > 0 ? '#8a4b00' : '#101418'}
        />
        <Tile
          label="WOW rate"
          value={share(f.wowRate)}
          sub={`${f.answers} customer answer${f.answers === 1 ? '' : 's'} · “you blew me away”`}
          testId="wall-wow-rate"
          color="#0b6b5e"
        />
        <Tile
          label="Time to fix"
          value={hours(f.medianHoursToFix)}
          sub={
            view.hero ? `Hero: ${view.hero.name} · ${view.hero.dazzling} dazzling` : 'median, from let-down'
          }
          testId="wall-time-to-fix"
          color="#1d4ed8"
        />
      </section>

      <section className="wall-panels">
        <div style={{ minHeight: 0, overflow: 'hidden' }}>
          {view.trend.length >= 2 ? (
            <TrendCard trend={view.trend} wall />
          ) : (
            <div className="wall-panel">
              <span className="wall-panel-title">Week by week</span>
              <span className="wall-sub">The trend appears after two weeks.</span>
            </div>
          )}
        </div>
        <Rotating
          title="Latest stories"
          testId="wall-stories"
          items={view.stories}
          empty="No recovery story told yet: the next dazzling recovery's owner can tell it."
          render={(s) => (
            <>
              <div className="wall-headline">{s.title}</div>
              <div className="wall-sub">
                {s.customerShown}
                {s.authorName ? ` · told by ${s.authorName}` : ''}
                {s.reactions > 0 ? ` · ${s.reactions} cheer${s.reactions === 1 ? '' : 's'}` : ''}
              </div>
              <div className="wall-body">{s.body}</div>
              {s.secretNote ? (
                <div className="wall-sub">{s.secretNote}</div>
              ) : s.secretHidden ? (
                <div className="wall-sub">The secret behind the surprise stays off the wall.</div>
              ) : null}
            </>
          )}
        />
        <Rotating
          title="Awards"
          testId="wall-awards"
          items={view.awards}
          empty="No award decided yet: colleagues nominate, a leader decides."
          render={(a) => (
            <>
              <div className="wall-sub" style={{ fontWeight: 700 }}>
                {AWARD_LABELS[a.kind]} · {a.periodLabel}
              </div>
              <div className="wall-headline" style={{ fontSize: 'clamp(34px, 3vw, 60px)' }}>
                {a.winnerName}
              </div>
              <div className="wall-body">{a.reason}</div>
              {a.secretText ? (
                <div className="wall-sub">“{a.secretText}”</div>
              ) : a.secretHidden ? (
                <div className="wall-sub">
                  A secret{a.customerName ? ` about ${a.customerName}` : ''} — its words stay off the wall.
                </div>
              ) : null}
            </>
          )}
        />
      </section>
    </main>
  )
}

function Tile({
  label,
  value,
  sub,
  testId,
  color,
}: {
  label: string
  value: string
  sub: string
  testId: string
  color: string
}) {
  return (
    <div className="wall-tile" data-testid={testId}>
      <div className="wall-label">{label}</div>
      <div className="wall-number" style={{ color }}>
        {value}
      </div>
      <div className="wall-sub">{sub}</div>
    </div>
  )
}

/** One item at a time, the next every ROTATE_MS; a new item (just told, just decided) comes up first. */
function Rotating<T extends { id: string }>({
  title,
  items,
  empty,
  render,
  testId,
}: {
  title: string
  items: T[]
  empty: string
  render: (item: T) => ReactNode
  testId: string
}) {
  const [index, setIndex] = useState(0)
  const newest = items[0]?.id
  const seen = useRef(newest)
  useEffect(() => {
    if (newest !== seen.current) {
      seen.current = newest
      setIndex(0)
    }
  }, [newest])
  useEffect(() => {
    if (items.length < 2) return
    const t = setInterval(() => setIndex((i) => (i + 1) % items.length), ROTATE_MS)
    return () => clearInterval(t)
  }, [items.length])
  const item = items[index % Math.max(1, items.length)]
  return (
    <section className="wall-panel" aria-label={title} data-testid={testId}>
      <span className="wall-panel-title">{title}</span>
      {item ? render(item) : <span className="wall-sub">{empty}</span>}
      {items.length > 1 && (
        <div className="wall-dots" aria-hidden>
          {items.map((x, i) => (
            <span key={x.id} className="wall-dot" data-on={i === index % items.length} />
          ))}
        </div>
      )}
    </section>
  )
}
