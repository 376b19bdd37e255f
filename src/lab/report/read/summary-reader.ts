/**
 * Reads a k6 summary export (`--summary-export=FILE`, the legacy shape also
 * written by `mib load`):
 *   { "metrics": { "http_req_duration": { "avg": 1, "med": 1, "p(95)": 2, "thresholds": { "p(95)<500": false } },
 *                  "http_reqs": { "count": 10, "rate": 2.5 }, "http_req_failed": { "passes": 1, "fails": 9, "value": 0.1 },
 *                  "vus": { "value": 1, "min": 1, "max": 10 } }, "root_group": { ... } }
 * Beware k6's inversion: a threshold's boolean is `true` when it FAILED.
 */
import { readFile } from 'node:fs/promises'
import { SummaryCorruptError } from '../errors.js'


export interface SummaryThreshold {
  metric: string
  expression: string
  ok: boolean
}

/** `mib load` adds per-operation figures to k6's shape (k6 itself has none). */
export interface SummaryOperation {
  name: string
  requests: number
  rps: number
  errorRate: number
  avg: number
  p50: number
  p95: number
  p99: number
  max: number
}

export interface K6Summary {
  file: string
  metrics: Record<string, Record<string, number>>
  thresholds: SummaryThreshold[]
  operations: SummaryOperation[]
}

export async function readK6Summary (file: string): Promise<K6Summary> {
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (err) {
    throw new SummaryCorruptError(file, (err as Error).message)
  }
  if (!isRecord(json) || !isRecord(json.metrics)) throw new SummaryCorruptError(file, 'no "metrics" object')
  const metrics: Record<string, Record<string, number>> = {}
  const thresholds: SummaryThreshold[] = []
  for (const [name, raw] of Object.entries(json.metrics)) {
    if (!isRecord(raw)) continue
    const values: Record<string, number> = {}
    for (const [key, value] of Object.entries(raw)) if (typeof value === 'number') values[key] = value
    metrics[name] = values
    if (isRecord(raw.thresholds)) {
      for (const [expression, failed] of Object.entries(raw.thresholds)) {
        if (typeof failed === 'boolean') thresholds.push({ metric: name, expression, ok: !failed })
      }
    }
  }
  return { file, metrics, thresholds, operations: Array.isArray(json.operations) ? json.operations.filter(isOperation) : [] }
}

const OPERATION_NUMBERS = ['requests', 'rps', 'errorRate', 'avg', 'p50', 'p95', 'p99', 'max'] as const

function isOperation (value: unknown): value is SummaryOperation {
  return isRecord(value) && typeof value.name === 'string' && OPERATION_NUMBERS.every((key) => typeof value[key] === 'number')
}

function isRecord (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
