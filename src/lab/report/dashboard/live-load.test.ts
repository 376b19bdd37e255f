/**
 * The live dashboard during a REAL short run: `mib load --dashboard` in a child
 * process against a fixture server, the page open in headless Chromium. The
 * page's charts must receive points while the test runs, and what it shows at
 * the end must match the runner's own summary.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chartPoints, evaluate, tableText, waitUntil, withPage } from '../fixtures/browser.js'
import { waitFor } from '../../../../test/helpers/wait.js'

const MIB = fileURLToPath(new URL('../../../../bin/mib.js', import.meta.url))

async function fixtureServer (): Promise<{ url: string, server: Server }> {
  const server = createServer((req, res) => {
    // A slow-ish answer for every 10th request gives the latency chart a shape.
    const delay = Math.random() < 0.1 ? 30 : 1
    setTimeout(() => { res.writeHead(req.url === '/missing' ? 404 : 200, { 'content-type': 'application/json' }).end('{"ok":true}') }, delay)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as import('node:net').AddressInfo
  return { url: `http://127.0.0.1:${address.port}`, server }
}

const SCRIPT = (url: string): string => `
import { http, check, sleep } from 'market-intel-brain/load'
export const options = {
  vus: 4, duration: '5s',
  thresholds: { http_req_duration: ['p(95)<2000'], http_req_failed: ['rate<0.5'], checks: ['rate>0.99'] }
}
export default async function () {
  const res = await http.get('${url}/quotes', { tags: { name: 'quotes' } })
  check(res, { 'status is 200': (r) => r.status === 200 })
  if (Math.random() < 0.2) await http.get('${url}/missing', { tags: { name: 'missing' } })
  await sleep(0.05)
}
`

test('mib load --dashboard: the page charts a real run live and ends showing the summary\'s threshold verdicts', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-live-'))
  const fx = await fixtureServer()
  t.after(async () => { fx.server.close(); await rm(dir, { recursive: true, force: true }) })
  const script = join(dir, 'script.ts')
  await writeFile(script, SCRIPT(fx.url))
  const summaryFile = join(dir, 'summary.json')

  const child = spawn(process.execPath, [MIB, 'load', script, '--dashboard', '--dashboard-port', '0', '--quiet', '--summary-export', summaryFile],
    { env: { ...process.env, MIB_FROM_SOURCE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
  t.after(() => { child.kill('SIGKILL') })
  let stderr = ''
  child.stdout.resume()
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
      const match = /live dashboard at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stderr)
      if (match?.[1] !== undefined) resolve(match[1])
    })
    void exited.then(() => { reject(new Error(`mib load exited before serving the dashboard:\n${stderr}`)) })
  })

  await withPage(async (page) => {
    await page.goto(url)
    // Live: points arrive while the test runs (at least two windows).
    await waitUntil(page, `${chartPoints('load')} >= 2`)
    const rps = await evaluate<number>(page, 'Number(document.getElementById("stat-rps").getAttribute("data-value") ?? document.getElementById("stat-rps").textContent)')
    assert.ok(rps > 0, `a positive request rate is shown (${rps})`)
    // The operations table shows the current window's operations, by the runner's name tag.
    const ops = (await evaluate<string[][]>(page, tableText('operations'))).map((r) => r[0])
    assert.ok(ops.includes('quotes'), ops.join(','))
    assert.ok(ops.every((op) => op === 'quotes' || op === 'missing'), ops.join(','))

    assert.equal(await exited, 0, stderr)
    // The end: the thresholds table carries the runner's final verdicts.
    await waitUntil(page, `document.getElementById('status').textContent.toLowerCase().includes('finished')`)
    const rows = await evaluate<string[][]>(page, tableText('thresholds'))
    const summary = JSON.parse(await readFile(summaryFile, 'utf8')) as { metrics: Record<string, { thresholds?: Record<string, boolean> }> }
    const expected = Object.entries(summary.metrics).flatMap(([metric, match]) =>
      Object.entries(match.thresholds ?? {}).map(([expr, failed]) => [metric, expr, failed ? 'fail' : 'pass']))
    assert.equal(rows.length, expected.length)
    for (const [metric, expr, verdict] of expected) {
      const row = rows.find((r) => r[0] === metric && r[1] === expr)
      assert.ok(row !== undefined, `${metric} ${expr} shown`)
      assert.match(row[3] ?? '', new RegExp(verdict as string))
    }
  })
})

const SNAPSHOT_FIXTURE = fileURLToPath(new URL('../fixtures/load-with-snapshot.ts', import.meta.url))

test('regression: Ctrl-C twice while `mib load --dashboard` closed its dashboard killed the process (the close ran after the run\'s signal handling); now the run ends with what was measured, exit 105', { timeout: 120_000 }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-live-close-'))
  const fx = await fixtureServer()
  t.after(async () => { fx.server.close(); await rm(dir, { recursive: true, force: true }) })
  const script = join(dir, 'script.ts')
  await writeFile(script, `
import { http } from 'market-intel-brain/load'
export const options = { vus: 1, iterations: 3, thresholds: { http_req_failed: ['rate<0.5'] } }
export default async function () { await http.get('${fx.url}/quotes') }
`)
  // A FIFO: the dashboard's close blocks writing its snapshot until this test reads it.
  const snapshot = join(dir, 'dashboard.fifo')
  execFileSync('mkfifo', [snapshot])
  const summaryFile = join(dir, 'summary.json')
  const child = spawn(process.execPath, ['--import', 'tsx', SNAPSHOT_FIXTURE, script, snapshot, summaryFile],
    { env: { ...process.env, MIB_FROM_SOURCE: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
  t.after(() => { child.kill('SIGKILL') })
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  child.stdout.resume()
  const exited = new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.once('exit', (code, signal) => { resolve([code, signal]) }))

  // The summary export is written beside the dashboard's close (both are outputs of the run): once it
  // is there and the process still runs, the dashboard is closing, held by the FIFO.
  await waitFor(async () => child.exitCode !== null || await isJson(summaryFile), 'the summary export is written', 90_000, () => stderr)
  assert.equal(child.exitCode, null, `exited before the dashboard closed:\n${stderr}`)
  child.kill('SIGINT')
  await waitFor(() => stderr.includes('interrupted: writing the summary'), 'the first signal is taken while the outputs are written', 30_000, () => stderr)
  child.kill('SIGINT')
  await new Promise((resolve) => setTimeout(resolve, 300))
  assert.equal(child.exitCode, null, `the second signal did not cut the close:\n${stderr}`)

  const page = await readFile(snapshot, 'utf8')
  const [code, signal] = await exited
  assert.deepEqual([code, signal], [105, null], stderr)
  assert.match(page, /"type":"end"/, 'the snapshot ends with the run\'s end')
  assert.match(page, /"metric":"http_req_failed"/, 'and carries the final threshold verdicts')
  const exported = JSON.parse(await readFile(summaryFile, 'utf8')) as { metrics: { http_reqs?: { count: number } } }
  assert.equal(exported.metrics.http_reqs?.count, 3)
})

async function isJson (file: string): Promise<boolean> {
  try {
    JSON.parse(await readFile(file, 'utf8'))
    return true
  } catch {
    return false
  }
}
