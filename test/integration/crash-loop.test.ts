import { describe, expect, it } from 'vitest'
import { crashLoop } from '../../scripts/crashloop.ts'

/**
 * The crash loop of #16 in small (`npm run crashloop -- --kills 50` is the big one): `dazzle serve`
 * on an embedded data folder, mixed writes, killed with SIGKILL three times at random moments and
 * started again; no acknowledged write is lost and each OOPS!'s breach reminder fires exactly once.
 */
describe('crash loop', () => {
  it('loses no acknowledged write and fires each reminder once across three kill -9s (embedded)', {
    timeout: 300_000,
  }, async () => {
    const f = await crashLoop({ db: 'embedded', kills: 3, seed: 3 })
    console.info(`crash loop: ${JSON.stringify(f)}`)
    expect(f.acknowledged.total).toBeGreaterThan(0)
    expect(f.acknowledged.oops).toBeGreaterThan(0)
    expect(f.lostExamples).toEqual([])
    expect(f.lost).toBe(0)
    expect(f.remindersTwice).toBe(0)
    expect(f.remindersMissed).toBe(0)
    expect(f.remindersFired).toBe(f.acknowledged.oops)
    expect(f.refusedExamples).toEqual([])
  })
})
