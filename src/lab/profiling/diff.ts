/**
 * Which functions' share of the profile grew or shrank between two profiles.
 * Shares (percent of each profile's total), not absolute values, so profiles
 * of different lengths or loads compare fairly.
 */
import { ProfileMismatchError } from './errors.js'
import { functionKey, resolveSampleIndex, type ReadProfile } from './pprof.js'
import { computeShares, location } from './top.js'

export interface ShareChange {
  name: string
  file: string
  line: number
  baseFlatPct: number
  newFlatPct: number
  baseCumPct: number
  newCumPct: number
  /** newFlatPct − baseFlatPct (or the cum delta with --cum), in percentage points. */
  deltaPct: number
}

export interface DiffReport {
  sampleType: string
  baseTotal: number
  newTotal: number
  unit: string
  grew: ShareChange[]
  shrank: ShareChange[]
}

export interface DiffOptions {
  n?: number
  cum?: boolean
  sampleIndex?: string
}

export function diffProfiles (base: ReadProfile, next: ReadProfile, options: DiffOptions = {}): DiffReport {
  const baseShares = computeShares(base, resolveSampleIndex(base, options.sampleIndex))
  const newShares = computeShares(next, resolveSampleIndex(next, options.sampleIndex))
  if (baseShares.sampleType !== newShares.sampleType) throw new ProfileMismatchError(baseShares.sampleType, newShares.sampleType)
  const pct = (v: number, total: number): number => total === 0 ? 0 : 100 * v / total
  const baseByKey = new Map(baseShares.functions.map((f) => [functionKey(f), f]))
  const newByKey = new Map(newShares.functions.map((f) => [functionKey(f), f]))
  const keys = new Set([...baseByKey.keys(), ...newByKey.keys()])
  const changes: ShareChange[] = []
  for (const key of keys) {
    const b = baseByKey.get(key)
    const n = newByKey.get(key)
    const known = n ?? b
    if (known === undefined) continue
    const change: ShareChange = {
      name: known.name,
      file: known.file,
      line: known.line,
      baseFlatPct: pct(b?.flat ?? 0, baseShares.total),
      newFlatPct: pct(n?.flat ?? 0, newShares.total),
      baseCumPct: pct(b?.cum ?? 0, baseShares.total),
      newCumPct: pct(n?.cum ?? 0, newShares.total),
      deltaPct: 0
    }
    change.deltaPct = options.cum === true ? change.newCumPct - change.baseCumPct : change.newFlatPct - change.baseFlatPct
    changes.push(change)
  }
  const limit = options.n ?? 15
  return {
    sampleType: newShares.sampleType,
    unit: newShares.unit,
    baseTotal: baseShares.total,
    newTotal: newShares.total,
    grew: changes.filter((c) => c.deltaPct > 0).sort((a, b) => b.deltaPct - a.deltaPct).slice(0, limit),
    shrank: changes.filter((c) => c.deltaPct < 0).sort((a, b) => a.deltaPct - b.deltaPct).slice(0, limit)
  }
}

export function formatDiff (base: ReadProfile, next: ReadProfile, options: DiffOptions = {}): string {
  const report = diffProfiles(base, next, options)
  const which = options.cum === true ? 'cum' : 'flat'
  const header = `${'delta'.padStart(9)} ${`base ${which}%`.padStart(11)} ${`new ${which}%`.padStart(10)}  function`
  const row = (c: ShareChange): string => {
    const [b, n] = options.cum === true ? [c.baseCumPct, c.newCumPct] : [c.baseFlatPct, c.newFlatPct]
    const where = location(c)
    return `${signed(c.deltaPct).padStart(9)} ${`${b.toFixed(2)}%`.padStart(11)} ${`${n.toFixed(2)}%`.padStart(10)}  ${c.name}${where === '' ? '' : ` ${where}`}`
  }
  const lines = [
    `Base: ${base.source}`,
    `New:  ${next.source}`,
    `Type: ${report.sampleType}, share of each profile's total (${which}), in percentage points`,
    '',
    `Grew (${report.grew.length}):`,
    header,
    ...report.grew.map(row),
    '',
    `Shrank (${report.shrank.length}):`,
    header,
    ...report.shrank.map(row)
  ]
  return lines.join('\n') + '\n'
}

function signed (n: number): string {
  return `${n >= 0 ? '+' : ''}${n.toFixed(2)}pp`
}
