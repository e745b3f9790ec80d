/** What the hero is chosen on: one owner's line of the scoreboard. */
export interface HeroLine {
  /** the owner's user id; null for OOPS! with no owner, who cannot be a hero */
  key: string | null
  label: string
  dazzling: number
  dazzlingShare: number | null
  wowRate: number | null
}

/**
 * Recovery heroes (seed 003): more dazzling recoveries first, then the higher dazzling share (1 of
 * 1 beats 1 of 3), then the better WOW rate, then by name so the same figures always give the same
 * order.
 */
export const heroOrder = (a: HeroLine, b: HeroLine): number =>
  b.dazzling - a.dazzling ||
  (b.dazzlingShare ?? 0) - (a.dazzlingShare ?? 0) ||
  (b.wowRate ?? -1) - (a.wowRate ?? -1) ||
  a.label.localeCompare(b.label)

/** The scoreboard's recovery hero: an owner with at least one dazzling recovery, ranked by `heroOrder`. */
export const chooseRecoveryHero = <L extends HeroLine>(byOwner: readonly L[]): L | null =>
  [...byOwner].filter((l) => l.key !== null && l.dazzling > 0).sort(heroOrder)[0] ?? null
