import { SubmetricSelectorInvalidError } from './errors.js'

/** A parsed sub-metric selector such as `http_req_duration{name:fetch,status:200}`. */
export interface SubmetricSelector {
  /** The parent metric's name. */
  readonly metric: string
  /** Tag keys and values, in the order written; parallel arrays so matching allocates nothing. */
  readonly keys: readonly string[]
  readonly values: readonly string[]
  /** Canonical text: `metric{k:v,k2:v2}`, no spaces, values quoted only when they must be. */
  readonly key: string
}

/** True when the text has a `{...}` tag part, i.e. names a sub-metric. */
export function isSubmetricSelector (text: string): boolean {
  return text.includes('{')
}

/**
 * Parses k6's sub-metric syntax. Tags are comma-separated `key:value` pairs;
 * whitespace around keys and values is ignored; a value may be quoted with
 * `"` or `'` to hold commas, colons, braces or edge spaces. The value is split
 * from the key at the first colon, so `{group:::api}` selects group `::api`.
 */
export function parseSubmetricSelector (text: string): SubmetricSelector {
  const open = text.indexOf('{')
  if (open === -1) return { metric: text.trim(), keys: [], values: [], key: text.trim() }
  const metric = text.slice(0, open).trim()
  const body = text.slice(open + 1).trimEnd()
  if (metric === '') throw new SubmetricSelectorInvalidError(text, 'no metric name before "{"')
  if (!body.endsWith('}')) throw new SubmetricSelectorInvalidError(text, 'missing closing "}"')
  const pairs = splitPairs(text, body.slice(0, -1))
  if (pairs.length === 0) throw new SubmetricSelectorInvalidError(text, 'no tags between "{" and "}"')
  const keys: string[] = []
  const values: string[] = []
  for (const pair of pairs) {
    const colon = pair.indexOf(':')
    if (colon === -1) throw new SubmetricSelectorInvalidError(text, `"${pair.trim()}" is not a key:value pair`)
    const key = pair.slice(0, colon).trim()
    if (key === '') throw new SubmetricSelectorInvalidError(text, `"${pair.trim()}" has an empty tag key`)
    if (keys.includes(key)) throw new SubmetricSelectorInvalidError(text, `tag "${key}" is given twice`)
    keys.push(key)
    values.push(unquote(text, pair.slice(colon + 1).trim()))
  }
  return { metric, keys, values, key: canonicalKey(metric, keys, values) }
}

/** Splits on commas that are outside quotes. */
function splitPairs (text: string, body: string): string[] {
  const pairs: string[] = []
  let quote = ''
  let start = 0
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]
    if (quote !== '') {
      if (ch === '\\') i++
      else if (ch === quote) quote = ''
    } else if (ch === '"' || ch === "'") {
      quote = ch
    } else if (ch === ',') {
      pairs.push(body.slice(start, i))
      start = i + 1
    } else if (ch === '{' || ch === '}') {
      throw new SubmetricSelectorInvalidError(text, `unexpected "${ch}" (quote values that contain braces)`)
    }
  }
  if (quote !== '') throw new SubmetricSelectorInvalidError(text, `unterminated ${quote} quote`)
  const last = body.slice(start)
  if (last.trim() !== '' || pairs.length > 0) pairs.push(last)
  for (const pair of pairs) {
    if (pair.trim() === '') throw new SubmetricSelectorInvalidError(text, 'empty tag between commas')
  }
  return pairs
}

function unquote (text: string, raw: string): string {
  const first = raw[0]
  if (first !== '"' && first !== "'") return raw
  if (raw.length < 2 || raw[raw.length - 1] !== first) {
    throw new SubmetricSelectorInvalidError(text, `value ${raw} has text after its closing quote`)
  }
  return raw.slice(1, -1).replace(/\\(.)/g, '$1')
}

function quoteIfNeeded (value: string): string {
  if (value === '' || /[,{}"']/.test(value) || value.trim() !== value) {
    return `"${value.replace(/["\\]/g, '\\$&')}"`
  }
  return value
}

function canonicalKey (metric: string, keys: readonly string[], values: readonly string[]): string {
  const tags = keys.map((k, i) => `${k}:${quoteIfNeeded(values[i] ?? '')}`)
  return `${metric}{${tags.join(',')}}`
}

/** True when every selector tag equals the sample's tag. Allocation-free: it runs per sample. */
export function selectorMatches (selector: SubmetricSelector, tags: Readonly<Record<string, string>>): boolean {
  const { keys, values } = selector
  for (let i = 0; i < keys.length; i++) {
    if (tags[keys[i] as string] !== values[i]) return false
  }
  return true
}
