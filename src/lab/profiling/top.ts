import { functionKey, resolveSampleIndex, stackSamples, type Frame, type ReadProfile } from './pprof.js'
import { formatValue, percent } from './units.js'

export interface FunctionShare {
  name: string
  file: string
  line: number
  /** Value where the function is the leaf (its own work). */
  flat: number
  /** Value where the function is anywhere on the stack (its work and its callees'). */
  cum: number
}

export interface TopReport {
  sampleType: string
  unit: string
  total: number
  functions: FunctionShare[]
}

/**
 * Flat and cumulative value per function, like `go tool pprof -top`. A
 * recursive function counts once per sample in `cum`, as pprof does.
 */
export function computeShares (p: ReadProfile, sampleIndex: number): TopReport {
  const byKey = new Map<string, FunctionShare>()
  const entry = (frame: Frame): FunctionShare => {
    const key = functionKey(frame)
    let share = byKey.get(key)
    if (share === undefined) {
      share = { name: frame.name, file: frame.file, line: frame.line, flat: 0, cum: 0 }
      byKey.set(key, share)
    } else if (frame.line > 0 && (share.line === 0 || frame.line < share.line)) {
      share.line = frame.line
    }
    return share
  }
  let total = 0
  for (const sample of stackSamples(p, sampleIndex)) {
    total += sample.value
    const leaf = sample.frames[0]
    if (leaf !== undefined) entry(leaf).flat += sample.value
    const seen = new Set<string>()
    for (const frame of sample.frames) {
      const key = functionKey(frame)
      if (seen.has(key)) continue
      seen.add(key)
      entry(frame).cum += sample.value
    }
  }
  const type = p.sampleTypes[sampleIndex] ?? { type: '?', unit: '' }
  return { sampleType: type.type, unit: type.unit, total, functions: [...byKey.values()] }
}

export interface TopOptions {
  /** Rows to print; default 20. */
  n?: number
  /** Sort by cumulative instead of flat. */
  cum?: boolean
  /** pprof's -sample_index: a type name or an index. */
  sampleIndex?: string
}

export function topReport (p: ReadProfile, options: TopOptions = {}): TopReport {
  const report = computeShares(p, resolveSampleIndex(p, options.sampleIndex))
  const key = options.cum === true ? 'cum' : 'flat'
  report.functions.sort((a, b) => b[key] - a[key] || b.cum - a.cum || a.name.localeCompare(b.name))
  return report
}

/** `file:line` with the file shortened to what a reader recognises. */
export function location (share: { file: string, line: number }): string {
  if (share.file === '') return ''
  const file = shortFile(share.file)
  return share.line > 0 ? `${file}:${share.line}` : file
}

/** Paths under node_modules keep the package; project paths keep their last three parts. */
export function shortFile (file: string): string {
  const path = file.replace(/^file:\/\//, '')
  const nm = path.lastIndexOf('node_modules/')
  if (nm !== -1) return path.slice(nm)
  const parts = path.split('/')
  return parts.length > 3 ? parts.slice(-3).join('/') : path
}

/** The text `mib profile top` prints. */
export function formatTop (p: ReadProfile, options: TopOptions = {}): string {
  const report = topReport(p, options)
  const n = options.n ?? 20
  const rows = report.functions.slice(0, n)
  const fmt = (v: number): string => formatValue(v, report.unit)
  const shown = rows.reduce((sum, r) => sum + r.flat, 0)
  const lines = [
    `File: ${p.source}`,
    `Type: ${report.sampleType} (${report.unit})${p.durationNanos > 0 ? `, duration ${formatValue(p.durationNanos, 'nanoseconds')}` : ''}`,
    ...p.comments.map((c) => `Note: ${c}`),
    `Showing top ${rows.length} of ${report.functions.length} functions, accounting for ${fmt(shown)} (${percent(shown, report.total)}) of ${fmt(report.total)} total${options.cum === true ? ', sorted by cum' : ''}`,
    `${'flat'.padStart(10)} ${'flat%'.padStart(7)} ${'sum%'.padStart(7)} ${'cum'.padStart(10)} ${'cum%'.padStart(7)}  function`
  ]
  let sum = 0
  for (const r of rows) {
    sum += r.flat
    const where = location(r)
    lines.push(`${fmt(r.flat).padStart(10)} ${percent(r.flat, report.total).padStart(7)} ${percent(sum, report.total).padStart(7)} ${fmt(r.cum).padStart(10)} ${percent(r.cum, report.total).padStart(7)}  ${r.name}${where === '' ? '' : ` ${where}`}`)
  }
  if (report.total === 0) lines.push('(no samples: the profile is empty; was the process busy during the window?)')
  return lines.join('\n') + '\n'
}
