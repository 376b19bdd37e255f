import { test } from 'node:test'
import assert from 'node:assert/strict'
import { compareRuns, regressionRulesSchema } from './baseline.js'
import type { Analysis, LatencySummary, OperationRow } from './analysis.js'

function latency (p95: number): LatencySummary {
  return { avg: p95 / 2, min: 1, p50: p95 / 2, p90: p95 * 0.9, p95, p99: p95 * 1.2, max: p95 * 2 }
}

function op (name: string, p95: number, errorRate: number, rps: number): OperationRow {
  return { name, requests: rps * 10, rps, errorRate, latency: latency(p95) }
}

function analysis (runId: string, ops: OperationRow[]): Analysis {
  const all = ops[0]
  return {
    runId,
    operations: ops,
    manifest: undefined,
    overall: { requests: null, rps: all?.rps ?? null, errorRate: all?.errorRate ?? null, failedRequests: null, latency: all?.latency ?? null, maxVus: null, peakRps: null, checks: null }
  } as unknown as Analysis
}

test('p95 worse by more than the threshold is a regression; by less it is not', () => {
  const base = analysis('base', [op('quotes', 100, 0, 100), op('news', 100, 0, 50)])
  const cur = analysis('cur', [op('quotes', 111, 0, 100), op('news', 109, 0, 50)])
  const c = compareRuns(cur, base)
  const flagged = c.regressions.map((r) => `${r.scope} ${r.metric}`)
  assert.ok(flagged.includes('quotes p95'))
  assert.ok(!flagged.includes('news p95'))
  const row = c.rows.find((r) => r.scope === 'quotes' && r.metric === 'p95')
  assert.equal(row?.delta, 11)
  assert.ok(Math.abs((row?.deltaPct ?? 0) - 11) < 1e-9)
  assert.equal(row?.rule, 'worse by more than 10 %')
})

test('the thresholds are configurable', () => {
  const base = analysis('base', [op('quotes', 100, 0, 100)])
  const cur = analysis('cur', [op('quotes', 111, 0, 100)])
  assert.equal(compareRuns(cur, base, regressionRulesSchema.parse({ latencyPct: 20 })).regressions.length, 0)
})

test('error rate up by more than 0.5 pp and throughput down by more than 10 % are regressions', () => {
  const base = analysis('base', [op('quotes', 100, 0.001, 100)])
  const cur = analysis('cur', [op('quotes', 100, 0.007, 89)])
  const flagged = compareRuns(cur, base).regressions.map((r) => `${r.scope} ${r.metric}`)
  assert.deepEqual(flagged.sort(), ['overall error rate', 'overall throughput', 'quotes error rate', 'quotes throughput'])
  const ok = analysis('ok', [op('quotes', 100, 0.005, 91)])
  assert.deepEqual(compareRuns(ok, base).regressions, [])
})

test('operations present in one run only are listed, not compared', () => {
  const base = analysis('base', [op('quotes', 100, 0, 100), op('gone', 1, 0, 1)])
  const cur = analysis('cur', [op('quotes', 100, 0, 100), op('new', 500, 0.5, 1)])
  const c = compareRuns(cur, base)
  assert.deepEqual(c.onlyInBaseline, ['gone'])
  assert.deepEqual(c.onlyInCurrent, ['new'])
  assert.deepEqual(c.regressions, [])
})
