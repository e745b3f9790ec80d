import { describe, expect, it } from 'vitest'
import { formatLsn, parseLsn, replicaAge } from '../../src/db/replica-reads.ts'
import { readAfterOf } from '../../src/server/replica-route.ts'

const req = (headers: Record<string, string>) => ({ headers }) as never

describe('replica reads', () => {
  it('reads and writes WAL positions, and orders them', () => {
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) | 0xb374d848n)
    expect(formatLsn(parseLsn('16/B374D848')!)).toBe('16/B374D848')
    expect(parseLsn('0/FF')! < parseLsn('1/0')!).toBe(true)
    expect(parseLsn('yesterday')).toBeNull()
    expect(parseLsn('1/123456789')).toBeNull()
  })

  it('ages the replica by the newest primary position it has replayed', () => {
    const samples = [
      { at: 1_000, primary: 10n },
      { at: 2_000, primary: 20n },
      { at: 3_000, primary: 30n },
    ]
    expect(replicaAge(samples, 30n, 3_500)).toBe(500)
    expect(replicaAge(samples, 25n, 3_500)).toBe(1_500)
    // behind everything it was ever compared with: at least as old as the oldest sample
    expect(replicaAge(samples, 5n, 3_500)).toBe(2_500)
    expect(replicaAge([], 5n, 3_500)).toBe(Number.POSITIVE_INFINITY)
  })

  it('takes the latest position a request carries, and refuses a header it cannot read', () => {
    expect(readAfterOf(req({}))).toBeNull()
    expect(readAfterOf(req({ cookie: 'a=b; dazzle_wal=0%2F20; dazzle_wal=0%2F10' }))).toBe(0x20n)
    expect(readAfterOf(req({ cookie: 'dazzle_wal=0%2F20', 'dazzle-read-after': '0/30' }))).toBe(0x30n)
    // a cookie that does not read is ignored
    expect(readAfterOf(req({ cookie: 'dazzle_wal=%E0%A4%A' }))).toBeNull()
    expect(() => readAfterOf(req({ 'dazzle-read-after': 'soon' }))).toThrow(/dazzle-read-after/)
  })
})
