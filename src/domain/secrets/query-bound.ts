/**
 * How many secrets a full-text query can match at most, from how many secrets hold each of its
 * lexemes. Reads the query as PostgreSQL prints a `tsquery` (`'pinot' & 'noir'`,
 * `'singl' <-> 'malt' | 'bee'`, `!'golf'`, `'sail':A`, `'pin':*`), with its precedence: `!` binds
 * tightest, then `<->` / `<N>`, then `&`, then `|`.
 *
 * A lexeme's count is exact; "a and b" and "a followed by b" can match no more secrets than the
 * rarer of the two, "a or b" no more than both together. A negation or a prefix can match almost
 * anything: no bound (Infinity). An empty query matches nothing.
 */

export type QueryNode =
  | { op: 'lexeme'; lexeme: string; prefix: boolean }
  | { op: 'not'; arg: QueryNode }
  | { op: 'and' | 'or' | 'phrase'; left: QueryNode; right: QueryNode }

type Token = { t: 'lexeme'; lexeme: string; prefix: boolean } | { t: '&' | '|' | '!' | '(' | ')' | 'phrase' }

const tokenize = (text: string): Token[] => {
  const out: Token[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (/\s/.test(ch)) {
      i++
    } else if (ch === "'") {
      let lexeme = ''
      i++
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated lexeme in tsquery: ${text}`)
        const c = text[i]!
        if (c === '\\' && i + 1 < text.length) {
          lexeme += text[i + 1]
          i += 2
        } else if (c === "'" && text[i + 1] === "'") {
          lexeme += "'"
          i += 2
        } else if (c === "'") {
          i++
          break
        } else {
          lexeme += c
          i++
        }
      }
      let prefix = false
      if (text[i] === ':') {
        const m = /^:[A-Da-d*]+/.exec(text.slice(i))
        if (m) {
          prefix = m[0].includes('*')
          i += m[0].length
        }
      }
      out.push({ t: 'lexeme', lexeme, prefix })
    } else if (ch === '<') {
      const m = /^<(?:-|\d+)>/.exec(text.slice(i))
      if (!m) throw new Error(`unexpected "<" in tsquery: ${text}`)
      out.push({ t: 'phrase' })
      i += m[0].length
    } else if (ch === '&' || ch === '|' || ch === '!' || ch === '(' || ch === ')') {
      out.push({ t: ch })
      i++
    } else {
      throw new Error(`unexpected "${ch}" in tsquery: ${text}`)
    }
  }
  return out
}

/** The query's tree, or null for an empty query. */
export const parseTsquery = (text: string): QueryNode | null => {
  const tokens = tokenize(text)
  if (tokens.length === 0) return null
  let at = 0
  const peek = () => tokens[at]?.t
  const binary = (next: () => QueryNode, tok: Token['t'], op: 'and' | 'or' | 'phrase'): (() => QueryNode) => {
    return () => {
      let left = next()
      while (peek() === tok) {
        at++
        left = { op, left, right: next() }
      }
      return left
    }
  }
  const unary = (): QueryNode => {
    const tok = tokens[at++]
    if (!tok) throw new Error(`tsquery ends early: ${text}`)
    if (tok.t === '!') return { op: 'not', arg: unary() }
    if (tok.t === '(') {
      const inner = or()
      if (tokens[at++]?.t !== ')') throw new Error(`unbalanced parentheses in tsquery: ${text}`)
      return inner
    }
    if (tok.t === 'lexeme') return { op: 'lexeme', lexeme: tok.lexeme, prefix: tok.prefix }
    throw new Error(`unexpected "${tok.t}" in tsquery: ${text}`)
  }
  const phrase = binary(unary, 'phrase', 'phrase')
  const and = binary(phrase, '&', 'and')
  const or: () => QueryNode = binary(and, '|', 'or')
  const tree = or()
  if (at !== tokens.length) throw new Error(`unexpected tokens at the end of tsquery: ${text}`)
  return tree
}

/** Every lexeme the query names. */
export const lexemesOf = (node: QueryNode | null): string[] => {
  if (!node) return []
  if (node.op === 'lexeme') return [node.lexeme]
  if (node.op === 'not') return lexemesOf(node.arg)
  return [...new Set([...lexemesOf(node.left), ...lexemesOf(node.right)])]
}

/** At most how many secrets the query matches, given how many hold each lexeme (absent: none). */
export const queryBound = (node: QueryNode | null, count: (lexeme: string) => number): number => {
  if (!node) return 0
  switch (node.op) {
    case 'lexeme':
      return node.prefix ? Number.POSITIVE_INFINITY : count(node.lexeme)
    case 'not':
      return Number.POSITIVE_INFINITY
    case 'or':
      return queryBound(node.left, count) + queryBound(node.right, count)
    default:
      return Math.min(queryBound(node.left, count), queryBound(node.right, count))
  }
}
