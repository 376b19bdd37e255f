/**
 * A parser for the Prometheus text exposition format 0.0.4 (what prom-client
 * serves), into flat samples grouped by metric family.
 *
 * Hand-written on purpose: the npm candidates (parse-prometheus-text-format,
 * prom2javascript) are unmaintained, untyped, and return pre-grouped objects
 * that drop the raw series the long-format CSV records. The format is
 * line-oriented and small; the tests run it on real prom-client output.
 */
import { MetricsParseError } from '../errors.js'

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped'

export interface MetricSample {
  /** The sample's own name, suffix included (`x_bucket`, `x_sum`, `x_count`). */
  name: string
  labels: Readonly<Record<string, string>>
  value: number
}

export interface MetricFamily {
  name: string
  type: MetricType
  samples: MetricSample[]
}

/** Families by name, in exposition order. */
export type ParsedMetrics = Map<string, MetricFamily>

const METRIC_TYPES = new Set<string>(['counter', 'gauge', 'histogram', 'summary', 'untyped'])
const FAMILY_SUFFIXES = ['_bucket', '_sum', '_count', '_created', '_total']
const NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*/
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*/

export function parsePrometheusText (text: string): ParsedMetrics {
  const families: ParsedMetrics = new Map()
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim()
    if (line === '') continue
    try {
      if (line.startsWith('#')) readComment(line, families)
      else addSample(parseSampleLine(line), families)
    } catch (err) {
      if (err instanceof LineError) throw new MetricsParseError(index + 1, err.message)
      throw err
    }
  }
  return families
}

/** Internal: a line-level problem, turned into MetricsParseError with the line number. */
class LineError extends Error {}

function readComment (line: string, families: ParsedMetrics): void {
  const [hash, keyword, name, type] = line.split(/\s+/)
  if (hash !== '#' || keyword !== 'TYPE' || name === undefined) return // HELP and free comments carry no data we use
  if (type === undefined || !METRIC_TYPES.has(type)) throw new LineError(`unknown metric type "${type ?? ''}"`)
  const family = families.get(name)
  if (family === undefined) families.set(name, { name, type: type as MetricType, samples: [] })
  else family.type = type as MetricType
}

function addSample (sample: MetricSample, families: ParsedMetrics): void {
  const family = familyOf(sample.name, families)
  family.samples.push(sample)
}

/** The declared family a sample belongs to (`x_bucket` to histogram `x`), or a new untyped one. */
function familyOf (sampleName: string, families: ParsedMetrics): MetricFamily {
  const exact = families.get(sampleName)
  if (exact !== undefined) return exact
  for (const suffix of FAMILY_SUFFIXES) {
    if (!sampleName.endsWith(suffix)) continue
    const base = families.get(sampleName.slice(0, -suffix.length))
    if (base !== undefined && base.type !== 'gauge' && base.type !== 'untyped') return base
  }
  const created: MetricFamily = { name: sampleName, type: 'untyped', samples: [] }
  families.set(sampleName, created)
  return created
}

export function parseSampleLine (line: string): MetricSample {
  const name = NAME_RE.exec(line)?.[0]
  if (name === undefined) throw new LineError(`no metric name in "${line}"`)
  let rest = line.slice(name.length).trimStart()
  let labels: Record<string, string> = {}
  if (rest.startsWith('{')) {
    const parsed = parseLabels(rest)
    labels = parsed.labels
    rest = rest.slice(parsed.length)
  }
  // value [timestamp]; the timestamp is ignored: the monitor stamps samples with its own clock.
  const [valueText] = rest.trim().split(/\s+/)
  const value = parseValue(valueText ?? '')
  return { name, labels, value }
}

function parseValue (text: string): number {
  // Case-insensitive like Go's strconv.ParseFloat, which Prometheus uses:
  // prom-client 15 writes NaN as "Nan".
  const lower = text.toLowerCase()
  if (lower === '+inf' || lower === 'inf' || lower === '+infinity' || lower === 'infinity') return Number.POSITIVE_INFINITY
  if (lower === '-inf' || lower === '-infinity') return Number.NEGATIVE_INFINITY
  if (lower === 'nan') return Number.NaN
  const value = Number(text)
  if (text === '' || Number.isNaN(value)) throw new LineError(`invalid sample value "${text}"`)
  return value
}

/** Parses `{a="x",b="y\"z"}` from the start of `text`; `length` is how many characters it used. */
function parseLabels (text: string): { labels: Record<string, string>, length: number } {
  const labels: Record<string, string> = {}
  let at = 1
  for (;;) {
    at = skipSpaces(text, at)
    if (text[at] === '}') return { labels, length: at + 1 }
    const name = LABEL_NAME_RE.exec(text.slice(at))?.[0]
    if (name === undefined) throw new LineError(`invalid label name at "${text.slice(at, at + 20)}"`)
    at = skipSpaces(text, at + name.length)
    if (text[at] !== '=') throw new LineError(`expected "=" after label ${name}`)
    at = skipSpaces(text, at + 1)
    if (text[at] !== '"') throw new LineError(`expected a quoted value for label ${name}`)
    const value = readQuoted(text, at + 1)
    labels[name] = value.text
    at = skipSpaces(text, value.end)
    if (text[at] === ',') at++
    else if (text[at] !== '}') throw new LineError(`expected "," or "}" after label ${name}`)
  }
}

/** Reads a label value up to its closing quote; returns the unescaped text and the index after the quote. */
function readQuoted (text: string, start: number): { text: string, end: number } {
  let out = ''
  for (let at = start; at < text.length; at++) {
    const char = text[at]
    if (char === '"') return { text: out, end: at + 1 }
    if (char !== '\\') { out += char; continue }
    const next = text[++at]
    // The format defines exactly three escapes; anything else is kept verbatim, as Prometheus does.
    out += next === 'n' ? '\n' : next === '\\' ? '\\' : next === '"' ? '"' : `\\${next ?? ''}`
  }
  throw new LineError('unterminated label value')
}

function skipSpaces (text: string, at: number): number {
  while (text[at] === ' ' || text[at] === '\t') at++
  return at
}

/** A stable key for a label set, used to match the same series across two scrapes. */
export function seriesKey (name: string, labels: Readonly<Record<string, string>>, omit?: string): string {
  const parts = Object.keys(labels).filter((key) => key !== omit).sort().map((key) => `${key}=${JSON.stringify(labels[key])}`)
  return `${name}{${parts.join(',')}}`
}

/** Labels in exposition syntax (`a="x",b="y"`), for the long-format CSV. */
export function formatLabels (labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels).sort()
    .map((key) => `${key}="${(labels[key] ?? '').replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`)
    .join(',')
}
