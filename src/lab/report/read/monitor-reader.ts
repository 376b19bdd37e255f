/**
 * Resource use from the monitor's CSV files (`mib monitor`, see src/lab/monitor):
 *   system_metrics.csv         timestamp, cpu_pct, mem_used_pct, mem_total_bytes, …
 *   <service>_metrics.csv      timestamp, service, cpu_pct (100 = one core busy), rss_bytes, …
 *                              (api_gateway_metrics.csv, core_engine_metrics.csv, provider_sim_metrics.csv)
 * prometheus_metrics.csv (long format) is not needed here. Missing cells are
 * "not measured in this interval" and are skipped, never read as zero.
 */
import { readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { readCsvRows } from '../../monitor/write/csv.js'

export interface SeriesSummary {
  mean: number
  max: number
  samples: number
}

export interface SystemUsage {
  cpuPct: SeriesSummary | null
  memPct: SeriesSummary | null
  memTotalBytes: number | null
}

export interface ServiceResourceUsage {
  name: string
  cpuPct: SeriesSummary | null
  rssBytes: SeriesSummary | null
  /**
   * Requests the service shed early under overload (503, apart from its failures),
   * integrated from `shed_per_s` over the window; null when it reports no such rate.
   */
  shedRequests: number | null
  /**
   * Answers served from a kept copy past its freshness because the provider failed
   * (stale-if-error: the gateway's gateway_stale_answers_total), integrated from
   * `stale_per_s`; null when the monitor recorded no such rate.
   */
  staleAnswers: number | null
}

/** The service counters the monitor writes as per-second rates, and their columns. */
const COUNTED_RATES = { shedRequests: 'shed_per_s', staleAnswers: 'stale_per_s' } as const
type CountedRate = keyof typeof COUNTED_RATES

export interface ResourceSeries {
  label: string
  unit: '%' | 'MiB'
  values: Array<number | null>
}

/** Every sample on one time axis (epoch seconds, the union of all files' sample times); gaps are null. */
export interface ResourceTimeline {
  time: number[]
  series: ResourceSeries[]
}

export interface ResourceUsage {
  files: string[]
  system: SystemUsage | null
  services: ServiceResourceUsage[]
  timeline: ResourceTimeline
}

/** Collects samples per series, then lays them on a shared time axis. */
class TimelineBuilder {
  readonly #series = new Map<string, { unit: '%' | 'MiB', points: Map<number, number> }>()

  add (label: string, unit: '%' | 'MiB', timeS: number, value: number | undefined): void {
    if (value === undefined || Number.isNaN(timeS)) return
    const entry = this.#series.get(label) ?? { unit, points: new Map<number, number>() }
    entry.points.set(timeS, value)
    this.#series.set(label, entry)
  }

  build (): ResourceTimeline {
    const times = new Set<number>()
    for (const { points } of this.#series.values()) for (const t of points.keys()) times.add(t)
    const time = [...times].sort((a, b) => a - b)
    return {
      time,
      series: [...this.#series].map(([label, { unit, points }]) => ({ label, unit, values: time.map((t) => points.get(t) ?? null) }))
    }
  }
}

export const SYSTEM_CSV = 'system_metrics.csv'
const SKIPPED_CSV = new Set([SYSTEM_CSV, 'prometheus_metrics.csv'])

class Accumulator {
  #sum = 0
  #max = Number.NEGATIVE_INFINITY
  #n = 0
  add (value: number | undefined): void {
    if (value === undefined) return
    this.#sum += value
    this.#n++
    if (value > this.#max) this.#max = value
  }

  summary (): SeriesSummary | null {
    return this.#n === 0 ? null : { mean: this.#sum / this.#n, max: this.#max, samples: this.#n }
  }
}

/** A count from per-second rates: each rate covers the interval since the previous sample of the same service. */
class RateIntegral {
  #total: number | null = null
  #lastS: number | undefined

  add (elapsedS: number | undefined, perS: number | undefined): void {
    const previous = this.#lastS
    this.#lastS = elapsedS
    if (elapsedS === undefined || perS === undefined || previous === undefined) return
    this.#total = (this.#total ?? 0) + perS * Math.max(0, elapsedS - previous)
  }

  total (): number | null {
    return this.#total === null ? null : Math.round(this.#total)
  }
}

/** Monitor CSVs in `dir` (the run directory itself, and its `monitor/` subfolder). */
export async function findMonitorFiles (dir: string): Promise<string[]> {
  const found: string[] = []
  for (const folder of [dir, join(dir, 'monitor')]) {
    let names: string[]
    try {
      names = await readdir(folder)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') continue
      throw err
    }
    for (const name of names.sort()) if (name.endsWith('_metrics.csv')) found.push(join(folder, name))
  }
  return found
}

/**
 * Mean and max of CPU and memory per service and for the system; only samples
 * within [fromMs, toMs] count when a window is given (the load's span), so an
 * idle tail after the test does not dilute the means.
 */
export async function readResourceUsage (files: string[], window?: { fromMs: number, toMs: number }): Promise<ResourceUsage | null> {
  if (files.length === 0) return null
  const inWindow = (row: Record<string, string>): boolean => {
    if (window === undefined) return true
    const t = Date.parse(row.timestamp ?? '')
    return Number.isNaN(t) || (t >= window.fromMs && t <= window.toMs)
  }
  let system: SystemUsage | null = null
  const timeline = new TimelineBuilder()
  const timeOf = (row: Record<string, string>): number => Date.parse(row.timestamp ?? '') / 1000
  const services = new Map<string, { cpu: Accumulator, rss: Accumulator }>()
  const countsByService = new Map<string, Record<CountedRate, RateIntegral>>()
  // The system file first: its series lead the charts' legends.
  const ordered = [...files].sort((a, b) => Number(basename(b) === SYSTEM_CSV) - Number(basename(a) === SYSTEM_CSV))
  for (const file of ordered) {
    const name = basename(file)
    if (name === SYSTEM_CSV) {
      const cpu = new Accumulator()
      const mem = new Accumulator()
      let memTotalBytes: number | null = null
      for await (const row of readCsvRows(file)) {
        if (!inWindow(row)) continue
        cpu.add(numberCell(row, 'cpu_pct'))
        mem.add(numberCell(row, 'mem_used_pct'))
        timeline.add('system CPU %', '%', timeOf(row), numberCell(row, 'cpu_pct'))
        timeline.add('system memory %', '%', timeOf(row), numberCell(row, 'mem_used_pct'))
        memTotalBytes = numberCell(row, 'mem_total_bytes') ?? memTotalBytes
      }
      system = { cpuPct: cpu.summary(), memPct: mem.summary(), memTotalBytes }
      continue
    }
    if (SKIPPED_CSV.has(name)) continue
    for await (const row of readCsvRows(file)) {
      const service = row.service !== undefined && row.service !== '' ? row.service : name.replace(/_metrics\.csv$/, '')
      const counts = countsByService.get(service) ?? { shedRequests: new RateIntegral(), staleAnswers: new RateIntegral() }
      countsByService.set(service, counts)
      // A rate covers the interval since the previous sample, even one outside the window.
      for (const counter of Object.keys(COUNTED_RATES) as CountedRate[]) {
        counts[counter].add(numberCell(row, 'elapsed_s'), inWindow(row) ? numberCell(row, COUNTED_RATES[counter]) : undefined)
      }
      if (!inWindow(row)) continue
      const acc = services.get(service) ?? { cpu: new Accumulator(), rss: new Accumulator() }
      acc.cpu.add(numberCell(row, 'cpu_pct'))
      acc.rss.add(numberCell(row, 'rss_bytes'))
      const rss = numberCell(row, 'rss_bytes')
      timeline.add(`${service} CPU %`, '%', timeOf(row), numberCell(row, 'cpu_pct'))
      timeline.add(`${service} RSS MiB`, 'MiB', timeOf(row), rss === undefined ? undefined : rss / 1048576)
      services.set(service, acc)
    }
  }
  return {
    files,
    system,
    services: [...services.entries()].map(([name, acc]) => ({
      name,
      cpuPct: acc.cpu.summary(),
      rssBytes: acc.rss.summary(),
      shedRequests: countsByService.get(name)?.shedRequests.total() ?? null,
      staleAnswers: countsByService.get(name)?.staleAnswers.total() ?? null
    })),
    timeline: timeline.build()
  }
}

/** A numeric cell, or undefined for an empty or non-numeric one ("not measured in this interval"). */
function numberCell (row: Record<string, string>, column: string): number | undefined {
  const text = row[column]
  if (text === undefined || text.trim() === '') return undefined
  const n = Number(text)
  return Number.isFinite(n) ? n : undefined
}
