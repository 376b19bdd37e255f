import { mkdir, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { CheckNode, GroupNode, OperationSummary, SummaryData, SummaryMetric } from '../../metrics/index.js'
import { OutputWriteError } from '../errors.js'
import type { Output, OutputStopResult } from '../output.js'

/** One metric in k6's legacy `--summary-export` file. */
export type LegacyMetric = Record<string, number | Record<string, boolean>>

/** A group in k6's legacy export: sub-groups and checks keyed by name (handleSummary data has arrays). */
export interface LegacyGroup {
  readonly name: string
  readonly path: string
  readonly id: string
  readonly groups: Record<string, LegacyGroup>
  readonly checks: Record<string, CheckNode>
}

/** k6's legacy `--summary-export` document (plus mib's `operations`). */
export interface LegacySummaryExport {
  readonly root_group: LegacyGroup
  readonly metrics: Record<string, LegacyMetric>
  readonly operations: readonly OperationSummary[]
}

/**
 * Converts handleSummary `data` to k6's legacy export shape: counters
 * {count, rate}, gauges {value, min, max}, rates {passes, fails, value},
 * trends their summaryTrendStats; `thresholds` maps each expression to
 * whether it FAILED (k6's legacy meaning: `false` is a pass); root_group's
 * groups and checks keyed by name (k6 v0.48's js/summary-wrapper.js).
 */
export function toLegacySummaryExport (data: SummaryData): LegacySummaryExport {
  const metrics: Record<string, LegacyMetric> = {}
  for (const [key, metric] of Object.entries(data.metrics)) metrics[key] = legacyMetric(metric)
  return { root_group: legacyGroup(data.root_group), metrics, operations: data.operations }
}

function legacyGroup (group: GroupNode): LegacyGroup {
  return {
    name: group.name,
    path: group.path,
    id: group.id,
    groups: Object.fromEntries(group.groups.map((g) => [g.name, legacyGroup(g)])),
    checks: Object.fromEntries(group.checks.map((c) => [c.name, c]))
  }
}

function legacyMetric (metric: SummaryMetric): LegacyMetric {
  const out: LegacyMetric = metric.type === 'rate'
    ? { passes: metric.values.passes ?? 0, fails: metric.values.fails ?? 0, value: metric.values.rate ?? 0 }
    : { ...metric.values }
  if (metric.thresholds !== undefined) {
    out.thresholds = Object.fromEntries(Object.entries(metric.thresholds).map(([expression, { ok }]) => [expression, !ok]))
  }
  return out
}

/** Writes JSON atomically (temp file + rename): readers never see a half-written file. */
export async function writeJsonFile (path: string, value: unknown): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  try {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`)
    await rename(temp, path)
  } catch (err) {
    throw new OutputWriteError(path, err instanceof Error ? err.message : String(err))
  }
}

/** `--summary-export FILE`: the legacy k6 summary JSON, written when the test ends. */
export class SummaryExportOutput implements Output {
  readonly name = 'summary-export'
  readonly path: string

  constructor (path: string) { this.path = path }

  async stop (result: OutputStopResult): Promise<void> {
    await writeJsonFile(this.path, toLegacySummaryExport(result.summary))
  }
}
