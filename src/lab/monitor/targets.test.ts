import { test } from 'node:test'
import assert from 'node:assert/strict'
import { canonicalServiceName, serviceCsvName, resolveTargets } from './targets.js'
import { monitorOptionsSchema } from './options.js'

test('service names are canonical and map to the CSV names the report expects', () => {
  assert.equal(canonicalServiceName('API_Gateway'), 'gateway')
  assert.equal(canonicalServiceName('core-engine'), 'engine')
  assert.equal(serviceCsvName('gateway'), 'api_gateway_metrics.csv')
  assert.equal(serviceCsvName('core_engine'), 'core_engine_metrics.csv')
  assert.equal(serviceCsvName('provider-sim'), 'provider_sim_metrics.csv')
  assert.equal(serviceCsvName('my-worker.v2'), 'my_worker_v2_metrics.csv')
})

test('explicit targets skip the run directory; pids and URLs override or add by canonical name', async () => {
  const options = monitorOptionsSchema.parse({
    targets: [{ name: 'gateway', pid: 1, metricsUrl: 'http://127.0.0.1:1/metrics' }],
    runDir: '/nonexistent',
    pids: [{ name: 'api-gateway', pid: 2 }, { name: 'worker', pid: 3 }],
    healthUrls: [{ name: 'worker', url: 'http://127.0.0.1:2/health' }]
  })
  const { targets, runDirProblem } = await resolveTargets(options)
  assert.equal(runDirProblem, undefined)
  assert.deepEqual(targets, [
    { name: 'gateway', pid: 2, metricsUrl: 'http://127.0.0.1:1/metrics' },
    { name: 'worker', pid: 3, healthUrl: 'http://127.0.0.1:2/health' }
  ])
})

test('a missing run directory is not an error: it is reported so the monitor can warn', async () => {
  const { targets, runDirProblem } = await resolveTargets(monitorOptionsSchema.parse({ runDir: '/nonexistent-mib-run' }))
  assert.deepEqual(targets, [])
  assert.equal((runDirProblem as { code?: string } | undefined)?.code, 'MIB_ERR_RUN_DIR_MISSING')
})
