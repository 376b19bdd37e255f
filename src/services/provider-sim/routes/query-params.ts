/** Query-string helpers: a repeated parameter arrives as an array; providers use the first value. */
export type RawQuery = Record<string, string | string[] | undefined>

export function firstValue (query: RawQuery, name: string): string | undefined {
  const value = query[name]
  return Array.isArray(value) ? value[0] : value
}

/** Every value of a repeated or comma-separated parameter, trimmed, empties dropped. */
export function listValue (query: RawQuery, name: string): string[] {
  const value = query[name]
  const raw = Array.isArray(value) ? value.join(',') : value ?? ''
  return raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0)
}
