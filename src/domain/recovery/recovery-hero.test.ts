import { describe, expect, it } from 'vitest'
import { chooseRecoveryHero, type HeroLine } from './recovery-hero.ts'

const line = (label: string, dazzling: number, decided: number, wowRate: number | null = null): HeroLine => ({
  key: label.toLowerCase(),
  label,
  dazzling,
  dazzlingShare: decided > 0 ? dazzling / decided : null,
  wowRate,
})

describe('the recovery hero', () => {
  it('ranks the higher dazzling share first when the dazzling count is the same', () => {
    // the scoreboard listed Sam (1 of 3) first, having more OOPS!, and made him the hero
    expect(chooseRecoveryHero([line('Sam', 1, 3), line('Maya', 1, 1)])?.label).toBe('Maya')
  })

  it('ranks more dazzling recoveries over a higher share', () => {
    expect(chooseRecoveryHero([line('Maya', 1, 1), line('Sam', 2, 5)])?.label).toBe('Sam')
  })

  it('breaks a tie of count and share on the WOW rate, then on the name', () => {
    expect(chooseRecoveryHero([line('Ann', 2, 4, 0.5), line('Bo', 2, 4, 1)])?.label).toBe('Bo')
    expect(chooseRecoveryHero([line('Cy', 2, 4), line('Ann', 2, 4)])?.label).toBe('Ann')
  })

  it('has no hero without a dazzling recovery, and never the OOPS! with no owner', () => {
    expect(chooseRecoveryHero([line('Sam', 0, 3)])).toBeNull()
    expect(chooseRecoveryHero([{ ...line('No owner', 3, 3), key: null }, line('Sam', 1, 2)])?.label).toBe(
      'Sam',
    )
  })
})
