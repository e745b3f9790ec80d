import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { lexemesOf, parseTsquery, queryBound } from './query-bound.ts'

const counts: Record<string, number> = { pinot: 30, noir: 20, singl: 7, malt: 9, bee: 4, golf: 100 }
const bound = (q: string) => queryBound(parseTsquery(q), (l) => counts[l] ?? 0)

describe('query bound', () => {
  it('bounds each shape PostgreSQL prints', () => {
    expect(bound("'pinot'")).toBe(30)
    expect(bound("'pinot' & 'noir'")).toBe(20)
    expect(bound("'singl' <-> 'malt' | 'bee'")).toBe(11)
    expect(bound("'singl' <2> 'malt'")).toBe(7)
    expect(bound("( 'bee' | 'golf' ) & 'noir'")).toBe(20)
    expect(bound("'bee' | 'golf' & 'noir'")).toBe(24)
    expect(bound("'golf' & !'bee'")).toBe(100)
    expect(bound("!'bee'")).toBe(Number.POSITIVE_INFINITY)
    expect(bound("'pin':*")).toBe(Number.POSITIVE_INFINITY)
    expect(bound("'pinot':A & 'noir':AC")).toBe(20)
    expect(bound("'absent' & 'golf'")).toBe(0)
    expect(bound('')).toBe(0)
  })

  it('reads quoted lexemes back as written', () => {
    expect(lexemesOf(parseTsquery("'d''isère' & 'a\\\\b' | !'golf'"))).toEqual(["d'isère", 'a\\b', 'golf'])
  })

  it('refuses what is not a tsquery', () => {
    expect(() => parseTsquery("'open")).toThrow(/unterminated/)
    expect(() => parseTsquery("( 'a' & 'b'")).toThrow(/parentheses/)
    expect(() => parseTsquery("'a' 'b'")).toThrow(/end/)
  })

  it('never bounds below what a query over random sets really matches', () => {
    // each lexeme is a set of secret numbers; the query is evaluated on the sets themselves
    const lexeme = fc.constantFrom('a', 'b', 'c', 'd')
    const tree: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
      q: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        lexeme.map((l) => `'${l}'`),
        fc
          .tuple(tie('q'), fc.constantFrom('&', '|', '<->'), tie('q'))
          .map(([l, op, r]) => `( ${l} ${op} ${r} )`),
        tie('q').map((q) => `!${q}`),
      ),
    })).q
    const sets = fc.record({
      a: fc.uniqueArray(fc.nat(30)),
      b: fc.uniqueArray(fc.nat(30)),
      c: fc.uniqueArray(fc.nat(30)),
      d: fc.uniqueArray(fc.nat(30)),
    })
    fc.assert(
      fc.property(tree, sets, (q, s) => {
        const universe = Array.from({ length: 31 }, (_, i) => i)
        const has = (node: ReturnType<typeof parseTsquery>, x: number): boolean => {
          if (!node) return false
          if (node.op === 'lexeme') return (s as Record<string, number[]>)[node.lexeme]!.includes(x)
          if (node.op === 'not') return !has(node.arg, x)
          if (node.op === 'or') return has(node.left, x) || has(node.right, x)
          return has(node.left, x) && has(node.right, x)
        }
        const node = parseTsquery(q)
        const matched = universe.filter((x) => has(node, x)).length
        expect(queryBound(node, (l) => (s as Record<string, number[]>)[l]!.length)).toBeGreaterThanOrEqual(
          matched,
        )
      }),
    )
  })
})
