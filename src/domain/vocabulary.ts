/**
 * A closed vocabulary written once: each kind with the words it reads as. The kinds are the
 * labels' keys, in their order, so no kind can be added without its words, nor words without a kind.
 */
export const vocabulary = <const L extends Readonly<Record<string, string>>>(labels: L) =>
  ({ kinds: Object.keys(labels), labels }) as unknown as {
    kinds: readonly [keyof L & string, ...Array<keyof L & string>]
    labels: Readonly<Record<keyof L & string, string>>
  }
