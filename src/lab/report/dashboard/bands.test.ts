import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDashboard } from './server.js'
import { faultBands, type FaultEvent } from '../read/fault-events.js'
import { withPage, evaluate, waitUntil, chartPoints } from '../fixtures/browser.js'

const T0 = Date.UTC(2026, 11, 5, 1, 0, 0)
const CHARTS = ['load', 'latency', 'errors', 'cpu', 'memory']

// A fault at +3 s healthy at +5 s, its recovery window to +8 s; a second fault from +10 s still open.
const EVENTS: FaultEvent[] = [
  { type: 'fault-start', time: T0 + 3000, index: 0, name: 'engine SIGKILL', kind: 'process', target: 'engine', detail: '' },
  { type: 'healthy', time: T0 + 5000, index: 0, name: 'engine SIGKILL', service: 'engine' },
  { type: 'recovery-end', time: T0 + 8000, index: 0, name: 'engine SIGKILL' },
  { type: 'fault-start', time: T0 + 10_000, index: 1, name: 'provider errors', kind: 'provider', target: 'provider-sim', detail: '' }
]

/** Per chart: bands drawn, and the pixel colour in the middle of the first fault band and well outside any band. */
const VIEW = `(() => {
  const out = {}
  for (const name of ${JSON.stringify(CHARTS)}) {
    const u = window.mibDashboard.charts[name]
    const y = Math.round(u.bbox.top + u.bbox.height * 0.4)
    const at = (t) => Array.from(u.ctx.getImageData(Math.round(u.valToPos(t, 'x', true)), y, 1, 1).data)
    out[name] = { drawn: u.mibBandsDrawn, inFault: at(${(T0 + 4000) / 1000}), outside: at(${(T0 + 1500) / 1000}) }
  }
  return out
})()`

test('chaos faults and recovery windows are shaded bands on every live chart, and in the saved snapshot', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-bands-'))
  const dashboard = await startDashboard({ port: 0, snapshotFile: join(dir, 'dashboard.html') })
  try {
    for (let i = 0; i < 14; i++) {
      const time = T0 + i * 1000
      dashboard.publish({ type: 'window', time, vus: 10, rps: 100, errorRate: 0, latency: { p50: 5, p95: 9, p99: 12 }, checks: { passes: 1, fails: 0 }, operations: [], thresholds: [] })
      dashboard.publish({ type: 'monitor', time, system: { cpuPct: 10, memPct: 10 }, services: [{ name: 'engine', cpuPct: 5, rssBytes: 50 * 1048576 }] })
    }
    dashboard.publish({ type: 'bands', time: T0 + 11_000, bands: faultBands(EVENTS) })
    await dashboard.close()
    const html = await readFile(join(dir, 'dashboard.html'), 'utf8')
    await withPage(async (page) => {
      await page.setContent(html)
      await waitUntil(page, `${chartPoints('memory')} === 14 && window.mibDashboard.charts.memory.mibBandsDrawn === 3`)
      const view = await evaluate<Record<string, { drawn: number, inFault: number[], outside: number[] }>>(page, VIEW)
      for (const name of CHARTS) {
        const v = view[name]
        assert.equal(v?.drawn, 3, `${name}: fault, recovery, open fault`)
        const [r = 0, g = 0] = v?.inFault ?? []
        assert.ok(r - g > 15, `${name}: the fault band is tinted red (${String(v?.inFault)})`)
        const [r0 = 0, g0 = 0] = v?.outside ?? []
        assert.ok(Math.abs(r0 - g0) < 8, `${name}: outside the bands no tint (${String(v?.outside)})`)
      }
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('bands come from the events: a fault until healthy again, then its recovery window; open ones end null', () => {
  assert.deepEqual(faultBands(EVENTS), [
    { name: 'engine SIGKILL', kind: 'fault', start: (T0 + 3000) / 1000, end: (T0 + 5000) / 1000 },
    { name: 'engine SIGKILL', kind: 'recovery', start: (T0 + 5000) / 1000, end: (T0 + 8000) / 1000 },
    { name: 'provider errors', kind: 'fault', start: (T0 + 10_000) / 1000, end: null }
  ])
})
