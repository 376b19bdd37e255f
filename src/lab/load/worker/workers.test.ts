import { test } from 'node:test'
import assert from 'node:assert/strict'
import { httpFixture } from '../fixtures/servers.js'
import { fixtureScript } from '../fixtures/run-mib.js'
import { runLoadTest, type LoadTestResult } from '../run.js'
import { mergeStatuses } from '../execution.js'
import type { ExecutorStatus } from '../executors/types.js'

async function run (t: { after: (fn: () => Promise<void>) => void }, workers: number): Promise<{ result: LoadTestResult, vuIds: Set<string>, requests: number }> {
  const vuIds = new Set<string>()
  const server = await httpFixture((req, res) => { vuIds.add(String(req.headers['x-vu'])); res.end('ok') })
  t.after(async () => { await server.close() })
  const result = await runLoadTest({
    script: fixtureScript('workers.ts'),
    env: { BASE_URL: server.url, VUS: '4', ITERATIONS: '40' },
    workers,
    quiet: true,
    noSummary: true,
    handleSignals: false
  })
  return { result, vuIds, requests: server.requests() }
}

test('metrics from 2 worker threads merge exactly', async (t) => {
  const { result, vuIds, requests } = await run(t, 2)
  assert.equal(result.workers, 2)
  assert.equal(result.exitCode, 0)
  const metric = (name: string): Readonly<Record<string, number>> => result.summary.metrics[name]?.values ?? {}
  assert.equal(requests, 40)
  assert.equal(metric('http_reqs').count, 40)
  assert.equal(metric('iterations').count, 40)
  assert.equal(metric('checks').passes, 80)
  assert.equal(metric('checks').fails, 0)
  assert.equal(metric('units').count, 120)
  assert.deepEqual([metric('sizes').avg, metric('sizes').min, metric('sizes').max], [6, 5, 7])
  assert.equal(metric('http_reqs{name:merge}').count, 40, 'sub-metrics tracked in the workers merge too')
  assert.equal(result.summary.operations.find((o) => o.name === 'merge')?.requests, 40)
  assert.deepEqual([...vuIds].sort(), ['1', '2', '3', '4'], 'VU ids are unique across workers')
})

test('one worker and two report the same counts', async (t) => {
  const one = await run(t, 1)
  assert.equal(one.result.workers, 1)
  assert.equal(one.result.summary.metrics.http_reqs?.values.count, 40)
  assert.equal(one.result.summary.metrics.sizes?.values.avg, 6)
})

test('scenario statuses add up over workers; the least advanced state wins', () => {
  const status = (over: Partial<ExecutorStatus>): ExecutorStatus => ({
    scenario: 's', executor: 'constant-vus', activeVus: 1, maxVus: 2, completedIterations: 10, interruptedIterations: 0, droppedIterations: 1,
    intendedIterations: 0, lateIterations: 0, queuedIterations: 0, elapsedMs: 100, plannedMs: 1000, state: 'done', ...over
  })
  const [merged] = mergeStatuses([[status({})], [status({ activeVus: 2, completedIterations: 5, elapsedMs: 120, state: 'running' })]])
  assert.deepEqual([merged?.activeVus, merged?.maxVus, merged?.completedIterations, merged?.droppedIterations, merged?.elapsedMs, merged?.state], [3, 4, 15, 2, 120, 'running'])
})
