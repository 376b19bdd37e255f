const UNIT_MS: Readonly<Record<string, number>> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001 }
const PART = /(\d+(?:\.\d+)?)(ms|us|µs|h|m|s)/y

/**
 * Milliseconds of a k6 duration (`10s`, `1m30s`, `500ms`, `1.5h`), or of a
 * plain number of ms; undefined when the text is not one.
 */
export function parseDurationMs (input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 ? input : undefined
  const text = input.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text)
  if (text === '') return undefined
  PART.lastIndex = 0
  let total = 0
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text)
    if (match === null) return undefined
    total += Number(match[1]) * (UNIT_MS[match[2] as string] ?? Number.NaN)
  }
  return Number.isFinite(total) ? total : undefined
}
