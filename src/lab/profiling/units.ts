/** Formats a sample value the way `go tool pprof` does, by the unit the profile declares. */
export function formatValue (value: number, unit: string): string {
  switch (unit) {
    case 'nanoseconds': return formatDuration(value / 1e9)
    case 'microseconds': return formatDuration(value / 1e6)
    case 'milliseconds': return formatDuration(value / 1e3)
    case 'seconds': return formatDuration(value)
    case 'bytes': return formatBytes(value)
    default: return formatCount(value)
  }
}

function formatDuration (seconds: number): string {
  const abs = Math.abs(seconds)
  if (abs === 0) return '0'
  if (abs >= 1) return `${trim(seconds)}s`
  if (abs >= 1e-3) return `${trim(seconds * 1e3)}ms`
  if (abs >= 1e-6) return `${trim(seconds * 1e6)}us`
  return `${trim(seconds * 1e9)}ns`
}

function formatBytes (bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB']
  let v = bytes
  let i = 0
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${trim(v)}${units[i] ?? 'B'}`
}

function formatCount (n: number): string {
  return Number.isInteger(n) ? String(n) : trim(n)
}

/** Two decimals at most, no trailing zeros: 4.20 → 4.2, 3.00 → 3. */
function trim (n: number): string {
  return String(Math.round(n * 100) / 100)
}

export function percent (part: number, total: number): string {
  return total === 0 ? '0.00%' : `${(100 * part / total).toFixed(2)}%`
}
