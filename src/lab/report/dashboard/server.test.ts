import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { request } from 'undici'
import { startDashboard } from './server.js'
import type { DashboardEvent, MonitorEvent, WindowEvent } from './events.js'
import { DashboardClosedError, DashboardPortInUseError } from '../errors.js'
import type { Page } from 'playwright-core'
import { withPage, blockExternalRequests, evaluate, waitUntil, chartPoints, tableText } from '../fixtures/browser.js'

const T0 = Date.UTC(2026, 10, 28, 0, 30, 0)

function windowAt (i: number): WindowEvent {
  return {
    type: 'window',
    time: T0 + i * 1000,
    vus: 10 * (i + 1),
    rps: 100 + i,
    errorRate: i === 2 ? 0.25 : 0,
    latency: { p50: 10 + i, p95: 40 + i, p99: i === 1 ? null : 90 + i },
    checks: { passes: 7 + i, fails: i },
    operations: [
      { name: 'quotes', requests: 60 + i, rps: 60 + i, errorRate: 0, p50: 9, p95: 30.5, p99: 80 },
      { name: 'news', requests: 40, rps: 40, errorRate: 0.125, p50: 11, p95: 45, p99: 99.25 }
    ],
    thresholds: [
      { metric: 'http_req_duration', expression: 'p(95)<500', ok: true, value: 40 + i },
      { metric: 'http_req_failed', expression: 'rate<0.01', ok: i !== 2, value: i === 2 ? 0.25 : 0 }
    ]
  }
}

function monitorAt (i: number, services: string[]): MonitorEvent {
  return {
    type: 'monitor',
    time: T0 + i * 1000,
    system: { cpuPct: 20 + i, memPct: 50 },
    services: services.map((name, k) => ({ name, cpuPct: 5 * (k + 1) + i, rssBytes: (100 + k) * 1048576 }))
  }
}

interface PageView {
  load: number
  latency: number
  cpu: number
  cpuSeries: number
  text: Record<string, string>
  value: Record<string, string>
  operations: string[][]
  thresholds: string[][]
  services: string[][]
  status: string
}

const VIEW = `(() => {
  const d = window.mibDashboard
  const ids = ['stat-vus', 'stat-rps', 'stat-errors', 'stat-p50', 'stat-p95', 'stat-p99', 'stat-checks', 'stat-cpu', 'stat-mem']
  return {
    load: ${chartPoints('load')},
    latency: ${chartPoints('latency')},
    cpu: ${chartPoints('cpu')},
    cpuSeries: d.charts.cpu ? d.charts.cpu.series.length : -1,
    text: Object.fromEntries(ids.map((id) => [id, document.getElementById(id).textContent])),
    value: Object.fromEntries(ids.map((id) => [id, document.getElementById(id).getAttribute('data-value')])),
    operations: ${tableText('operations')},
    thresholds: ${tableText('thresholds')},
    services: ${tableText('services')},
    status: document.getElementById('status').textContent
  }
})()`

async function readView (page: Page): Promise<PageView> {
  return evaluate<PageView>(page, VIEW)
}

test('the live page replays the history, then follows published events, and shows exactly the published numbers', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-dash-'))
  const dashboard = await startDashboard({ port: 0, snapshotFile: join(dir, 'dashboard.html') })
  try {
    for (let i = 0; i < 3; i++) dashboard.publish(windowAt(i))
    dashboard.publish(monitorAt(0, ['gateway', 'engine']))
    await withPage(async (page) => {
      const blocked: string[] = []
      await blockExternalRequests(page, blocked)
      await page.goto(dashboard.url)
      // The replay arrives as separate events: wait for the last one's effect (the CPU chart) too.
      await waitUntil(page, `${chartPoints('load')} === 3 && ${chartPoints('cpu')} === 1`)
      let view = await readView(page)
      assert.equal(view.latency, 3)
      assert.equal(view.cpu, 1)
      assert.equal(view.text['stat-vus'], '30')
      assert.equal(view.text['stat-rps'], '102.0')
      assert.equal(view.text['stat-errors'], '25.00 %')
      assert.equal(view.value['stat-errors'], '0.25')
      assert.equal(view.text['stat-p95'], '42.0 ms')
      assert.equal(view.text['stat-p99'], '92.0 ms')
      assert.equal(view.text['stat-checks'], '9 ✓ / 2 ✗')
      assert.deepEqual(view.operations, [
        ['quotes', '62', '62.0', '0.00 %', '9.0 ms', '30.5 ms', '80.0 ms'],
        ['news', '40', '40.0', '12.50 %', '11.0 ms', '45.0 ms', '99.3 ms']
      ])
      assert.deepEqual(view.thresholds, [
        ['http_req_duration', 'p(95)<500', '42.00', '✓ pass'],
        ['http_req_failed', 'rate<0.01', '0.25', '✗ fail']
      ])
      assert.deepEqual(view.services, [['gateway', '5.0 %', '100.0 MiB'], ['engine', '10.0 %', '101.0 MiB']])

      // Live: two more windows, and a monitor sample that adds a service (the chart gains a series).
      dashboard.publish(windowAt(3))
      dashboard.publish(windowAt(4))
      dashboard.publish(monitorAt(1, ['gateway', 'engine', 'provider-sim']))
      dashboard.publish({ type: 'end', time: T0 + 5000, summary: { verdict: 'pass' } })
      await waitUntil(page, "document.getElementById('status').textContent.startsWith('finished')")
      await waitUntil(page, `${chartPoints('cpu')} === 2`)
      view = await readView(page)
      assert.equal(view.load, 5)
      assert.equal(view.latency, 5)
      assert.equal(view.cpuSeries, 1 + 2 + 3) // x, system CPU and memory, one per service
      assert.equal(view.text['stat-vus'], '50')
      assert.equal(view.text['stat-p50'], '14.0 ms')
      assert.equal(view.text['stat-cpu'], '21.0 %')
      assert.equal(view.services.length, 3)
      assert.equal(view.status, 'finished: verdict pass')
      assert.deepEqual(blocked, [])
    })
  } finally {
    await dashboard.close()
  }
  try {
    // The snapshot written on close is self-contained: it draws the same points offline.
    const html = await readFile(join(dir, 'dashboard.html'), 'utf8')
    assert.doesNotMatch(html, /<script src=/)
    await withPage(async (page) => {
      const blocked: string[] = []
      await blockExternalRequests(page, blocked)
      await page.setContent(html)
      await waitUntil(page, `${chartPoints('load')} === 5`)
      const view = await readView(page)
      assert.equal(view.text['stat-vus'], '50')
      assert.equal(view.cpu, 2)
      assert.deepEqual(blocked, [])
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

async function readStream (url: string, headers: Record<string, string>, frames: number): Promise<Array<{ id: string, event: DashboardEvent }>> {
  const controller = new AbortController()
  const res = await request(new URL('events', url), { headers, signal: controller.signal })
  assert.equal(res.headers['content-type'], 'text/event-stream; charset=utf-8')
  const out: Array<{ id: string, event: DashboardEvent }> = []
  let buffer = ''
  try {
    for await (const chunk of res.body) {
      buffer += String(chunk)
      let end: number
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const id = /^id: (.*)$/m.exec(block)?.[1]
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (id !== undefined && data !== undefined) out.push({ id, event: JSON.parse(data) as DashboardEvent })
      }
      if (out.length >= frames) break
    }
  } finally {
    controller.abort()
  }
  return out
}

test('a reconnecting client (Last-Event-ID) receives only the events it missed', async () => {
  const dashboard = await startDashboard({ port: 0 })
  try {
    for (let i = 0; i < 4; i++) dashboard.publish(windowAt(i))
    const all = await readStream(dashboard.url, {}, 4)
    assert.deepEqual(all.map((f) => f.id), ['1', '2', '3', '4'])
    const missed = await readStream(dashboard.url, { 'last-event-id': '2' }, 2)
    assert.deepEqual(missed.map((f) => (f.event as WindowEvent).vus), [30, 40])
  } finally {
    await dashboard.close()
  }
})

test('the history is bounded: a new client gets the most recent events only', async () => {
  const dashboard = await startDashboard({ port: 0, historyLimit: 3 })
  try {
    for (let i = 0; i < 10; i++) dashboard.publish(windowAt(i))
    const frames = await readStream(dashboard.url, {}, 3)
    assert.deepEqual(frames.map((f) => (f.event as WindowEvent).vus), [80, 90, 100])
  } finally {
    await dashboard.close()
  }
})

test('the page, its chart library and the snapshot download are served; unknown paths are 404', async () => {
  const dashboard = await startDashboard({ port: 0 })
  try {
    dashboard.publish(windowAt(0))
    const page = await request(dashboard.url)
    assert.equal(page.statusCode, 200)
    assert.match(await page.body.text(), /assets\/uPlot\.iife\.min\.js/)
    const lib = await request(new URL('assets/uPlot.iife.min.js', dashboard.url))
    assert.equal(lib.statusCode, 200)
    assert.match(await lib.body.text(), /uPlot/)
    const snap = await request(new URL('report.html', dashboard.url))
    assert.equal(snap.headers['content-disposition'], 'attachment; filename="dashboard.html"')
    assert.match(await snap.body.text(), /"vus":10/)
    const missing = await request(new URL('nope', dashboard.url))
    assert.equal(missing.statusCode, 404)
    await missing.body.dump()
  } finally {
    await dashboard.close()
  }
})

test('a port in use is reported with its code, and publish after close is refused', async () => {
  const first = await startDashboard({ port: 0 })
  const port = Number(new URL(first.url).port)
  try {
    await assert.rejects(startDashboard({ port }), DashboardPortInUseError)
  } finally {
    await first.close()
  }
  assert.throws(() => first.publish(windowAt(0)), DashboardClosedError)
})

test('a client that stops reading is dropped instead of buffered without bound', async () => {
  const dashboard = await startDashboard({ port: 0 })
  const { connect } = await import('node:net')
  const url = new URL(dashboard.url)
  const socket = connect(Number(url.port), url.hostname)
  try {
    await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('error', reject) })
    socket.write(`GET /events HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`)
    socket.pause()
    const closed = new Promise<boolean>((resolve) => { socket.once('close', () => resolve(true)) })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const big = windowAt(0)
    big.operations = Array.from({ length: 1000 }, (_, i) => ({ name: `operation-${i}`, requests: i, rps: i, errorRate: 0, p50: 1, p95: 2, p99: 3 }))
    for (let i = 0; i < 400; i++) dashboard.publish(big) // ~40 MB: more than the socket buffers and the 4 MiB allowance
    socket.resume()
    const outcome = await Promise.race([closed, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10000))])
    assert.equal(outcome, true, 'the stalled client was not dropped')
  } finally {
    socket.destroy()
    await dashboard.close()
  }
})
