import { InvalidParamError, InvalidSecondsError } from './errors.js'

/** Longest window any endpoint accepts (Go's pprof has none; an unbounded profile is a DoS). */
export const MAX_SECONDS = 300

export type Query = Record<string, string | string[] | undefined>

function single (query: Query, name: string): string | undefined {
  const raw = query[name]
  return Array.isArray(raw) ? raw[raw.length - 1] : raw
}

/** `?seconds=` as milliseconds: a finite number in (0, MAX_SECONDS]; fractions allowed. */
export function parseSecondsMs (query: Query, defaultS: number): number {
  const raw = single(query, 'seconds')
  if (raw === undefined || raw === '') return defaultS * 1000
  const seconds = Number(raw)
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_SECONDS) throw new InvalidSecondsError(raw, MAX_SECONDS)
  return Math.round(seconds * 1000)
}

/** An integer query parameter within [min, max], or the default when absent. */
export function parseIntParam (query: Query, name: string, defaultValue: number, min: number, max: number): number {
  const raw = single(query, name)
  if (raw === undefined || raw === '') return defaultValue
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidParamError(name, raw, `an integer in [${min}, ${max}]`)
  return n
}

/** One of `allowed`, or the default when absent. */
export function parseChoice<T extends string> (query: Query, name: string, allowed: readonly T[], defaultValue: T): T {
  const raw = single(query, name)
  if (raw === undefined || raw === '') return defaultValue
  if (!(allowed as readonly string[]).includes(raw)) throw new InvalidParamError(name, raw, `one of ${allowed.join(', ')}`)
  return raw as T
}

/** A comma-separated list whose items all belong to `allowed`, or undefined when absent. */
export function parseList (query: Query, name: string, allowed: readonly string[]): string[] | undefined {
  const raw = single(query, name)
  if (raw === undefined || raw === '') return undefined
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '')
  const unknown = items.filter((item) => !allowed.includes(item))
  if (items.length === 0 || unknown.length > 0) throw new InvalidParamError(name, raw, `a comma-separated list of ${allowed.join(', ')}`)
  return items
}

/** `?debug=1` (text) vs the default JSON, as in Go's pprof. */
export function wantsText (query: Query): boolean {
  return parseIntParam(query, 'debug', 0, 0, 2) > 0
}
