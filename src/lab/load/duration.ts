/**
 * k6 duration strings ("1h2m3s", "1.5s", "300ms", "2m"), parsed to milliseconds.
 * A bare number is milliseconds, as in k6's JSON options.
 */
import { z } from 'zod'

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, us: 0.001, µs: 0.001 }
const PART = /(\d+(?:\.\d+)?)(ms|us|µs|s|m|h)/y

/** Milliseconds for `text`, or undefined when it is not a duration. */
export function parseDurationMs (text: string): number | undefined {
  const s = text.trim()
  if (s === '') return undefined
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s)
  let total = 0
  PART.lastIndex = 0
  while (PART.lastIndex < s.length) {
    const at = PART.lastIndex
    const m = PART.exec(s)
    if (m === null || m.index !== at) return undefined
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number)
  }
  return total
}

/** Zod type: a non-negative k6 duration, output in milliseconds. */
export const durationMs = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const ms = typeof value === 'number' ? value : parseDurationMs(value)
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) {
    ctx.addIssue({ code: 'custom', message: `"${String(value)}" is not a duration (use e.g. "30s", "1m30s", "500ms")` })
    return z.NEVER
  }
  return ms
})

/** "1m30s", "2.5s", "450ms": short, for summaries and progress lines. */
export function formatDuration (ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  if (ms < 60_000) return `${trim(ms / 1000)}s`
  const totalS = Math.round(ms / 1000)
  const h = Math.floor(totalS / 3600)
  const m = Math.floor((totalS % 3600) / 60)
  const s = totalS % 60
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 || (h === 0 && m === 0) ? `${s}s` : ''}`
}

function trim (n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, '')
}
