import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { startMonitor } from './monitor.js'
import type { MibError } from '../../errors.js'
import { writeRunState } from '../../run-dir.js'
import { startMetricsServer, hit } from './fixtures/metrics-server.js'
import { startFixture } from './fixtures/child.js'
import type { MonitorSample } from './sample.js'

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

async function tempDir (): Promise<string> {
  return await mkdtemp(join(tmpdir(), 'mib-monitor-'))
}

async function csvRows (file: string): Promise<string[][]> {
  const text = await readFile(file, 'utf8')
  return text.trim().split('\n').map((line) => line.split(','))
}

function collectWarnings (monitor: ReturnType<typeof startMonitor>): MibError[] {
  const warnings: MibError[] = []
  monitor.on('warning', (w) => warnings.push(w))
  return warnings
}

test('the monitor samples system, process, health and metrics each interval into CSVs with headers and ISO timestamps', async () => {
  const dir = await tempDir()
  const server = await startMetricsServer('gateway')
  const idle = await startFixture('idle')
  try {
    const monitor = startMonitor({
      intervalS: 0.2,
      durationS: 1,
      outDir: dir,
      targets: [{ name: 'gateway', pid: idle.pid, metricsUrl: server.metricsUrl, healthUrl: server.healthUrl }]
    })
    const samples: MonitorSample[] = []
    monitor.on('sample', (s) => samples.push(s))
    // Steady traffic, so every interval between two scrapes holds requests.
    let ended = false
    const traffic = (async () => { while (!ended) { await hit(`${server.baseUrl}/ok`, 1); await sleep(20) } })()
    const summary = await monitor.done
    ended = true
    await traffic
    assert.equal(summary.reason, 'duration')
    // 5 ticks on the grid; a machine busy enough may skip some, never add any.
    assert.ok(summary.samples >= 1 && summary.samples <= 5, `${summary.samples} samples`)
    assert.equal(samples.length, summary.samples)
    assert.deepEqual((await readdir(dir)).sort(), ['api_gateway_metrics.csv', 'prometheus_metrics.csv', 'system_metrics.csv'])

    const system = await csvRows(join(dir, 'system_metrics.csv'))
    assert.deepEqual(system[0]?.slice(0, 3), ['timestamp', 'elapsed_s', 'cpu_pct'])
    assert.equal(system.length, summary.samples + 1)
    for (const row of system.slice(1)) {
      assert.match(row[0] ?? '', ISO)
      assert.ok(Number(row[2]) >= 0 && Number(row[2]) <= 100, 'every row has a CPU % (the baseline was taken at start)')
    }

    const gateway = await csvRows(join(dir, 'api_gateway_metrics.csv'))
    const header = gateway[0] ?? []
    const last = gateway[gateway.length - 1] ?? []
    const cell = (name: string): string | undefined => last[header.indexOf(name)]
    assert.equal(cell('service'), 'gateway')
    assert.equal(cell('pid'), String(idle.pid))
    assert.equal(cell('up'), '1')
    assert.equal(cell('health_status'), '200')
    assert.equal(cell('metrics_ok'), '1')
    assert.ok(Number(cell('rss_bytes')) > 0)
    assert.ok(gateway.slice(1).every((row) => Number(row[header.indexOf('requests_per_s')]) > 0), 'requests in every interval')

    const long = await csvRows(join(dir, 'prometheus_metrics.csv'))
    assert.deepEqual(long[0], ['timestamp', 'service', 'metric', 'labels', 'value'])
    assert.ok(long.some((row) => row[2] === 'http_requests_total'))
    assert.ok(samples.every((s) => s.services[0]?.metrics !== undefined))
    assert.equal(monitor.latest, samples[samples.length - 1])
  } finally {
    await Promise.all([server.close(), idle.stop()])
    await rm(dir, { recursive: true, force: true })
  }
})

test('a service answering 503 raises one MIB_ERR_MONITOR_HEALTH_FAILED warning per problem, again after it recovers and fails anew', async () => {
  const server = await startMetricsServer('gateway')
  server.setHealth('unavailable')
  try {
    const monitor = startMonitor({ intervalS: 0.1, durationS: 30, writeCsv: false, targets: [{ name: 'gateway', healthUrl: server.healthUrl }] })
    const warnings = collectWarnings(monitor)
    const seen: boolean[] = []
    monitor.on('sample', (s) => {
      seen.push(s.services[0]?.health?.ok ?? false)
      if (seen.length === 3) server.setHealth('ok')
      if (seen.length === 5) server.setHealth('unavailable')
      if (seen.length === 8) void monitor.stop()
    })
    const summary = await monitor.done
    assert.equal(summary.reason, 'stopped')
    assert.equal(warnings.length, 2, warnings.map((w) => w.message).join('\n'))
    for (const w of warnings) {
      assert.equal(w.code, 'MIB_ERR_MONITOR_HEALTH_FAILED')
      assert.match(w.message, /gateway is unhealthy .*HTTP 503/)
    }
    assert.equal(seen.filter((ok) => !ok).length >= 4, true)
  } finally {
    await server.close()
  }
})

test('stop() ends early, keeps the latest sample and at most historyLimit samples', async () => {
  const monitor = startMonitor({ intervalS: 0.1, durationS: 60, writeCsv: false, historyLimit: 2, targets: [] })
  let count = 0
  monitor.on('sample', () => { if (++count === 4) void monitor.stop() })
  const [summary] = await once(monitor, 'end')
  assert.equal(summary.reason, 'stopped')
  assert.equal(monitor.history.length, 2)
  assert.equal(monitor.latest, monitor.history[1])
  assert.deepEqual(await monitor.stop(), summary, 'stop() is idempotent')
})

test('invalid options are all reported at once before anything starts', () => {
  assert.throws(() => startMonitor({ intervalS: 0.05, durationS: 90_000, bogus: true } as never), (err: MibError & { problems: string[] }) => {
    assert.equal(err.code, 'MIB_ERR_OPTIONS_INVALID')
    assert.equal(err.problems.length, 3, err.problems.join('; '))
    return true
  })
  assert.throws(() => startMonitor({ intervalS: 10, durationS: 5 }), /intervalS: must not exceed durationS/)
  assert.throws(() => startMonitor({ pids: [{ name: 'gateway', pid: Number.NaN }] }), { code: 'MIB_ERR_OPTIONS_INVALID' })
})

test('targets come from the run directory, with --pid style overrides merged by canonical name', async () => {
  const dir = await tempDir()
  const server = await startMetricsServer('gateway')
  const first = await startFixture('idle')
  const second = await startFixture('idle')
  try {
    await writeRunState({
      env: 'development',
      startedAt: new Date().toISOString(),
      services: [{ name: 'gateway', pid: first.pid, urls: { http: server.baseUrl }, healthUrl: server.healthUrl, metricsUrl: server.metricsUrl }]
    }, join(dir, 'run'))
    const monitor = startMonitor({ intervalS: 0.2, durationS: 0.4, outDir: join(dir, 'out'), runDir: join(dir, 'run'), pids: [{ name: 'api_gateway', pid: second.pid }] })
    const samples: MonitorSample[] = []
    monitor.on('sample', (s) => samples.push(s))
    await monitor.done
    const gateway = samples[0]?.services
    assert.equal(gateway?.length, 1)
    assert.equal(gateway?.[0]?.name, 'gateway')
    assert.equal(gateway?.[0]?.pid, second.pid)
    assert.equal(gateway?.[0]?.metricsOk, true)
    assert.ok((await readdir(join(dir, 'out'))).includes('api_gateway_metrics.csv'))
  } finally {
    await Promise.all([server.close(), first.stop(), second.stop()])
    await rm(dir, { recursive: true, force: true })
  }
})

test('without a run directory or targets the monitor samples the system only and warns MIB_ERR_MONITOR_NO_SERVICES', async () => {
  const dir = await tempDir()
  try {
    const monitor = startMonitor({ intervalS: 0.1, durationS: 0.2, writeCsv: false, runDir: join(dir, 'absent') })
    const warnings = collectWarnings(monitor)
    const summary = await monitor.done
    assert.ok(summary.samples >= 1)
    assert.deepEqual(warnings.map((w) => w.code), ['MIB_ERR_MONITOR_NO_SERVICES'])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('a watched process that exits is warned about once and its row keeps going without process figures', async () => {
  const fixture = await startFixture('idle')
  const monitor = startMonitor({ intervalS: 0.1, durationS: 30, writeCsv: false, targets: [{ name: 'worker', pid: fixture.pid }] })
  const warnings = collectWarnings(monitor)
  let count = 0
  let afterExit: MonitorSample | undefined
  monitor.on('sample', (s) => {
    count++
    if (count === 2) void fixture.stop()
    if (warnings.length > 0 && afterExit === undefined) afterExit = s
    if (afterExit !== undefined && count >= 8) void monitor.stop()
  })
  await monitor.done
  assert.deepEqual(warnings.map((w) => w.code), ['MIB_ERR_MONITOR_PROCESS_GONE'])
  assert.equal(afterExit?.services[0]?.process, undefined)
})

test('a failing scrape is a MIB_ERR_MONITOR_SCRAPE_FAILED warning and metrics_ok 0, not a crash', async () => {
  const server = await startMetricsServer('gateway')
  await server.close()
  const monitor = startMonitor({ intervalS: 0.1, durationS: 0.3, writeCsv: false, targets: [{ name: 'gateway', metricsUrl: server.metricsUrl }], scrapeTimeoutMs: 500 })
  const warnings = collectWarnings(monitor)
  const samples: MonitorSample[] = []
  monitor.on('sample', (s) => samples.push(s))
  await monitor.done
  assert.deepEqual(warnings.map((w) => w.code), ['MIB_ERR_MONITOR_SCRAPE_FAILED'])
  assert.ok(samples.length > 0 && samples.every((s) => s.services[0]?.metricsOk === false))
})
