/** Number formatting for the text summary, in k6's spirit (units, SI bytes, percentages). */

/** Trims a fixed-decimals rendering: 140.30 → 140.3, 12.00 → 12. */
export function trimmed (value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)))
}

export type TimeUnit = '' | 's' | 'ms' | 'us'

/**
 * Milliseconds as k6 prints durations: µs below 1 ms, ms below 1 s, then
 * s, and Go-style `1m2.5s` / `1h2m3s` past a minute. A fixed `unit` (k6's
 * summaryTimeUnit) prints every value in that unit with 2 decimals.
 */
export function formatTime (ms: number, unit: TimeUnit | string = ''): string {
  if (unit === 's') return `${(ms / 1000).toFixed(2)}s`
  if (unit === 'ms') return `${ms.toFixed(2)}ms`
  if (unit === 'us') return `${(ms * 1000).toFixed(2)}µs`
  const abs = Math.abs(ms)
  if (abs === 0) return '0s'
  if (abs < 1) return `${trimmed(ms * 1000, 2)}µs`
  if (abs < 1000) return `${trimmed(ms, 2)}ms`
  if (abs < 60_000) return `${trimmed(ms / 1000, 2)}s`
  const sign = ms < 0 ? '-' : ''
  const totalSeconds = abs / 1000
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds % 60
  if (hours > 0) return `${sign}${hours}h${minutes}m${Math.round(seconds)}s`
  return `${sign}${minutes}m${trimmed(seconds, 1)}s`
}

const SI = ['B', 'kB', 'MB', 'GB', 'TB', 'PB']

/** Bytes in SI units like k6 (go-humanize): `331 B`, `2.3 kB`, `40 MB`. */
export function formatBytes (bytes: number): string {
  if (Math.abs(bytes) < 10) return `${trimmed(bytes, 0)} B`
  const exponent = Math.min(Math.floor(Math.log10(Math.abs(bytes)) / 3), SI.length - 1)
  const value = bytes / 1000 ** exponent
  return `${Math.abs(value) < 10 ? value.toFixed(1) : value.toFixed(0)} ${SI[exponent] ?? 'B'}`
}

/** Plain numbers: integers as is, fractions with up to `decimals` decimals. */
export function formatNumber (value: number, decimals = 3): string {
  if (Number.isInteger(value)) return String(value)
  return trimmed(value, decimals)
}

/** A per-second rate with precision that suits its size. */
export function formatRate (perSecond: number): string {
  const decimals = perSecond >= 100 ? 1 : perSecond >= 1 ? 2 : 4
  return `${trimmed(perSecond, decimals)}/s`
}

export function formatPercent (ratio: number): string {
  return `${(ratio * 100).toFixed(2)}%`
}

/** Formats a value of a metric by what it contains. */
export function formatValue (value: number, contains: string, timeUnit: string = ''): string {
  if (contains === 'time') return formatTime(value, timeUnit)
  if (contains === 'data') return formatBytes(value)
  return formatNumber(value)
}
