/**
 * Text no field of Dazzle can take: PostgreSQL refuses U+0000 in text and JSON, an unpaired UTF-16
 * surrogate is not a character at all (JSON.parse lets "\ud800" through; jsonb refuses it, text
 * would store U+FFFD instead), and the other C0 control characters (and DEL) are never typed by a
 * person — tab, newline and carriage return are kept for the multi-line fields.
 */
const UNSTORABLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g')

const describe = (ch: string): string => {
  const code = ch.charCodeAt(0)
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  if (code === 0) return `a NUL character (${hex})`
  if (code >= 0xd800 && code <= 0xdfff)
    return `half of a character (a lone surrogate, ${hex}): the text is not valid Unicode`
  return `an invisible control character (${hex})`
}

export interface UnstorableText {
  /** where: `body.name`, `params.id`, `querystring.q`, `body.tags.2` */
  path: string
  message: string
}

/**
 * The first string or object key in `value` that holds text we refuse, with where it is; null when
 * all is well. Walks parsed JSON only (objects, arrays, strings): a streamed body is left alone.
 */
export const findUnstorableText = (value: unknown, path: string): UnstorableText | null => {
  if (typeof value === 'string') {
    const m = UNSTORABLE.exec(value)
    return m ? { path, message: `contains ${describe(m[0])} at position ${m.index + 1}: remove it.` } : null
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}.${i}`)
      if (found) return found
    }
    return null
  }
  if (value && typeof value === 'object') {
    // a streamed upload or raw bytes are the route's to read; params and query come as null-prototype objects
    if (typeof (value as { pipe?: unknown }).pipe === 'function' || ArrayBuffer.isView(value)) return null
    for (const [k, v] of Object.entries(value)) {
      const key = UNSTORABLE.exec(k)
      if (key) {
        return {
          path: `${path}.${k.replace(UNSTORABLE_ALL, '?')}`,
          message: `the name of this field contains ${describe(key[0])}: remove it.`,
        }
      }
      const found = findUnstorableText(v, `${path}.${k}`)
      if (found) return found
    }
  }
  return null
}
