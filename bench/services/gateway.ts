/**
 * `npm run bench:gateway`: gateway throughput per endpoint against bare Fastify
 * returning a body of the same size, measured in the same run. Not a test: the
 * numbers depend on the machine; record them in BENCHMARKS.md.
 *
 * Each server runs in its own process (provider-sim + engine; three gateways,
 * one per read strategy: cached (the default), coalesced only, one RPC per
 * request; bare Fastify); autocannon runs here.
 *   --duration-s <n>     seconds per measured run (default 5)
 *   --rounds <n>         interleaved rounds per endpoint; medians are reported (default 3)
 *   --connections <n>    concurrent connections (default 50)
 *   --endpoints <names>  comma-separated subset of the endpoints (default: all; e.g. health)
 *   --gateway-url <url>  measure a running gateway instead (no strategy comparison)
 *   --sim-url <url>      with --gateway-url: the simulator, to speed up warm-up ticks
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { request } from 'undici'
import { DEFAULT_SYMBOLS } from '../../src/services/common/defaults.js'
import { startChild, type Child } from './gateway/children.js'
import { ENDPOINTS, type BenchRequest, type Endpoint } from './gateway/endpoints.js'
import { measure, type Measurement, type RunSettings } from './gateway/measure.js'
import { markdown, machine, summarize, type EndpointResult } from './gateway/report.js'

const { values } = parseArgs({
  options: {
    'duration-s': { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    endpoints: { type: 'string' },
    'gateway-url': { type: 'string' },
    'sim-url': { type: 'string' }
  }
})
const settings: RunSettings = { durationS: Number(values['duration-s']), connections: Number(values.connections) }
const rounds = Number(values.rounds)
if (!(settings.durationS > 0) || !(settings.connections > 0) || !(rounds >= 1)) throw new Error('--duration-s, --connections and --rounds must be positive numbers')
const endpoints = values.endpoints === undefined ? ENDPOINTS : values.endpoints.split(',').map((name) => {
  const endpoint = ENDPOINTS.find((e) => e.name === name.trim())
  if (endpoint === undefined) throw new Error(`--endpoints: unknown endpoint ${name} (known: ${ENDPOINTS.map((e) => e.name).join(', ')})`)
  return endpoint
})
const WARMUP: RunSettings = { durationS: 1, connections: settings.connections }
/** Quotes per symbol the buffer must hold so that limit=50 returns 50. */
const BUFFER_DEPTH = 50

const children: Child[] = []
const workDir = await mkdtemp(join(tmpdir(), 'mib-bench-gateway-'))
try {
  console.error(`# ${machine()}`)
  const targets = await startTargets()
  await fillBuffers(targets.gateway.url, targets.sim)
  const bare = await startBare(targets.gateway.url)
  const results: EndpointResult[] = []
  for (const endpoint of endpoints) results.push(await benchEndpoint(endpoint, bare, targets))
  console.log(markdown(results, settings, rounds))
} finally {
  await Promise.all(children.map(async (c) => { await c.stop() }))
  await rm(workDir, { recursive: true, force: true })
}

interface Target { url: string, pids: number[] }
interface Targets { gateway: Target, coalesced?: Target, perRequest?: Target, sim?: string }

async function startTargets (): Promise<Targets> {
  if (values['gateway-url'] !== undefined) return { gateway: { url: values['gateway-url'], pids: [] }, ...(values['sim-url'] === undefined ? {} : { sim: values['sim-url'] }) }
  const upstream = await own(startChild('upstream'))
  const engineUrl = required(upstream.urls.grpc, 'engine gRPC URL')
  const [cached, coalesced, perRequest] = await Promise.all(['cached', 'coalesced', 'per-request'].map(async (mode) => await own(startChild('gateway', engineUrl, mode))))
  // CPU per request counts the gateway and the engine (+ simulator) process: reads that reach the engine cost there too.
  const target = (c: Child | undefined): Target => ({ url: required(c?.urls.http, 'gateway URL'), pids: [required(c?.pid, 'gateway pid'), upstream.pid] })
  return { gateway: target(cached), coalesced: target(coalesced), perRequest: target(perRequest), sim: required(upstream.urls.sim, 'sim URL') }
}

async function own (starting: Promise<Child>): Promise<Child> {
  const child = await starting
  children.push(child)
  return child
}

/** Fetches every symbol, then waits until each has BUFFER_DEPTH streamed quotes; the tick rate goes back to the default for the runs. */
async function fillBuffers (gateway: string, sim: string | undefined): Promise<void> {
  await call(gateway, { method: 'POST', path: '/api/v1/market-data/fetch', body: JSON.stringify({ symbols: DEFAULT_SYMBOLS }), headers: { 'content-type': 'application/json' } })
  await call(gateway, { method: 'POST', path: '/api/v1/news/fetch', body: JSON.stringify({ keywords: ['stock', 'market'] }), headers: { 'content-type': 'application/json' } })
  const deadline = Date.now() + 120_000
  for (const symbol of DEFAULT_SYMBOLS) {
    for (;;) {
      const body = await call(gateway, { method: 'GET', path: `/api/v1/market-data/buffer?symbol=${symbol}&limit=${BUFFER_DEPTH}` }) as { market_data: unknown[] }
      if (body.market_data.length >= BUFFER_DEPTH) break
      if (Date.now() > deadline) throw new Error(`the engine buffered fewer than ${BUFFER_DEPTH} quotes of ${symbol} in time`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }
  if (sim !== undefined) await request(`${sim}/admin/config`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tickRateHz: 2 }) }).then(async (r) => { await r.body.dump() })
}

/** Bare Fastify serving, per endpoint, the body the gateway answered its first request with. */
async function startBare (gateway: string): Promise<Target> {
  const payloads: Record<string, unknown> = {}
  for (const endpoint of ENDPOINTS) payloads[endpoint.name] = await call(gateway, required(endpoint.requests[0], endpoint.name))
  const file = join(workDir, 'payloads.json')
  await writeFile(file, JSON.stringify(payloads))
  const child = await own(startChild('bare', file))
  return { url: required(child.urls.http, 'bare URL'), pids: [child.pid] }
}

/**
 * Rounds interleave the targets (bare, gateway, variants, bare, ...) so that a
 * neighbour's load spike on a shared machine hits all of them alike.
 */
async function benchEndpoint (endpoint: Endpoint, bare: Target, targets: Targets): Promise<EndpointResult> {
  const bareRequests: BenchRequest[] = [{ method: endpoint.requests[0]?.method ?? 'GET', path: `/bare/${endpoint.name}` }]
  const isRead = endpoint.requests.every((r) => r.method === 'GET') && endpoint.name !== 'health'
  const plan: Array<[string, Target, BenchRequest[]]> = [['bare', bare, bareRequests], ['gateway', targets.gateway, endpoint.requests]]
  if (isRead && targets.coalesced !== undefined) plan.push(['coalesced', targets.coalesced, endpoint.requests])
  if (isRead && targets.perRequest !== undefined) plan.push(['perRequest', targets.perRequest, endpoint.requests])
  console.error(`# ${endpoint.name}`)
  for (const [, target, requests] of plan) await measure(target.url, requests, WARMUP)
  const runs: Record<string, Measurement[]> = {}
  for (let round = 0; round < rounds; round++) {
    for (const [label, target, requests] of plan) (runs[label] ??= []).push(await measure(target.url, requests, settings, target.pids))
  }
  return summarize(endpoint, runs)
}

/** A set-up request; a 503 (a gateway just started on a busy machine sheds while its event loop settles) is retried for up to 30 s. */
async function call (base: string, r: BenchRequest): Promise<unknown> {
  const deadline = Date.now() + 30_000
  for (;;) {
    const res = await request(`${base}${r.path}`, { method: r.method, ...(r.body === undefined ? {} : { body: r.body }), ...(r.headers === undefined ? {} : { headers: r.headers }) })
    const body = await res.body.json()
    if (res.statusCode === 200) return body
    if (res.statusCode !== 503 || Date.now() > deadline) throw new Error(`${r.method} ${r.path}: ${res.statusCode} ${JSON.stringify(body)}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

function required<T> (value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`)
  return value
}
