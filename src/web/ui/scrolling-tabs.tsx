import { Tabs } from '@mantine/core'
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react'
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import './scrolling-tabs.css'

/**
 * A `Tabs.List` that scrolls sideways when its tabs do not fit (a phone) instead of cutting the
 * last one: a fade and a chevron mark the edge with more tabs beyond it (a tap there scrolls on),
 * and the chosen tab is scrolled into view. Put it inside `<Tabs>`; `value` is the chosen tab.
 */
export function ScrollingTabList({
  label,
  value,
  children,
}: {
  /** The tab list's accessible name. */
  label: string
  value: string | null
  children: ReactNode
}) {
  // Mantine's horizontal tab list scrolls itself (overflow-x: auto): it is the element watched
  const viewport = useRef<HTMLDivElement>(null)
  const [more, setMore] = useState({ start: false, end: false })

  const measure = useCallback(() => {
    const el = viewport.current
    if (!el) return
    const start = el.scrollLeft > 1
    const end = el.scrollLeft + el.clientWidth < el.scrollWidth - 1
    setMore((m) => (m.start === start && m.end === end ? m : { start, end }))
  }, [])

  useEffect(() => {
    const el = viewport.current
    if (!el) return
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(el)
    for (const tab of el.children) observer.observe(tab)
    return () => observer.disconnect()
  }, [measure])

  // the chosen tab in view (one past the fold would look as if nothing were chosen)
  useEffect(() => {
    const el = viewport.current
    const tab = value === null ? null : el?.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')
    if (!el || !tab) return
    const left = tab.offsetLeft
    const right = left + tab.offsetWidth
    if (left < el.scrollLeft) el.scrollLeft = left - 24
    else if (right > el.scrollLeft + el.clientWidth) el.scrollLeft = right - el.clientWidth + 24
    measure()
  }, [value, measure])

  const scrollBy = (direction: 1 | -1) => {
    const el = viewport.current
    el?.scrollBy({ left: direction * el.clientWidth * 0.6, behavior: 'smooth' })
  }

  return (
    <div className="dazzle-scrolling-tabs">
      <Tabs.List
        ref={viewport}
        onScroll={measure}
        className="dazzle-scrolling-tabs-list"
        style={{ flexWrap: 'nowrap' }}
        aria-label={label}
      >
        {children}
      </Tabs.List>
      {/* for the eye and the pointer: the keyboard moves along the tabs with the arrow keys */}
      {more.start && (
        <div
          className="dazzle-scrolling-tabs-more"
          data-side="start"
          aria-hidden
          onClick={() => scrollBy(-1)}
        >
          <IconChevronLeft size={18} />
        </div>
      )}
      {more.end && (
        <div className="dazzle-scrolling-tabs-more" data-side="end" aria-hidden onClick={() => scrollBy(1)}>
          <IconChevronRight size={18} />
        </div>
      )}
    </div>
  )
}
