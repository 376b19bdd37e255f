/**
 * `npm run bench:load-metrics`: sample ingestion into the load runner's
 * MetricRegistry (src/lab/load/metrics), against the cheapest possible
 * recording measured in the same run: pushing each value onto a plain array
 * (what a tool that keeps every sample pays, before any aggregation — and its
 * memory grows without bound, where the registry's does not).
 * Not a test: numbers depend on the machine; record them in BENCHMARKS.md.
 *   --duration-ms <n>   measured time per case (default 2000)
 */
import { cpus } from 'node:os'
import { parseArgs } from 'node:util'
import { MetricRegistry, type Metric, type Tags } from '../../../src/lab/load/metrics/index.js'

const { values } = parseArgs({ options: { 'duration-ms': { type: 'string', default: '2000' } } })
const durationMs = Number(values['duration-ms'])
if (!(durationMs > 0)) throw new Error('--duration-ms must be a positive number')

/** Samples per batch between clock reads, so reading the clock costs nothing measurable. */
const BATCH = 10_000
const NAMES = ['market_data_fetch', 'news_fetch', 'stats', 'buffer', 'health']
const TAGS: Tags[] = NAMES.map((name) => ({ name, method: 'GET', status: '200', url: `http://127.0.0.1:8080/api/${name}`, scenario: 'default', group: '', expected_response: 'true' }))
/** Latencies drawn once (exponential, mean 40 ms): the benchmark measures recording, not Math.random. */
const LATENCIES = Float64Array.from({ length: 65_536 }, () => -Math.log(1 - Math.random()) * 40)

interface Result { name: string, samplesPerS: number, heapDeltaMb: number }

function run (name: string, samplesPerCall: number, body: (i: number) => void): Result {
  for (let i = 0; i < BATCH * 5; i++) body(i) // warm-up: let the JIT settle
  globalThis.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  let calls = 0
  const start = process.hrtime.bigint()
  const deadline = start + BigInt(durationMs) * 1_000_000n
  let now = start
  while (now < deadline) {
    for (let i = 0; i < BATCH; i++) body(calls + i)
    calls += BATCH
    now = process.hrtime.bigint()
  }
  const seconds = Number(now - start) / 1e9
  const heapDeltaMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6
  return { name, samplesPerS: (calls * samplesPerCall) / seconds, heapDeltaMb }
}

function trendCase (): Result {
  const registry = MetricRegistry.withBuiltins()
  registry.trackSubmetric('http_req_duration{name:market_data_fetch}')
  const duration = registry.get('http_req_duration') as Metric
  return run('registry: http_req_duration (whole + sub-metric + per-name)', 1, (i) => {
    registry.add(duration, LATENCIES[i & 65535] as number, TAGS[i % TAGS.length] as Tags)
  })
}

function requestCase (): Result {
  const registry = MetricRegistry.withBuiltins()
  registry.trackSubmetric('http_req_duration{expected_response:true}')
  const m = (name: string): Metric => registry.get(name) as Metric
  const [reqs, duration, blocked, connecting, tls, sending, waiting, receiving, failed, sent, received] =
    ['http_reqs', 'http_req_duration', 'http_req_blocked', 'http_req_connecting', 'http_req_tls_handshaking', 'http_req_sending',
      'http_req_waiting', 'http_req_receiving', 'http_req_failed', 'data_sent', 'data_received'].map(m) as Metric[] as [Metric, Metric, Metric, Metric, Metric, Metric, Metric, Metric, Metric, Metric, Metric]
  return run('registry: one HTTP request (11 samples, k6 set)', 11, (i) => {
    const tags = TAGS[i % TAGS.length] as Tags
    const latency = LATENCIES[i & 65535] as number
    registry.add(reqs, 1, tags)
    registry.add(duration, latency, tags)
    registry.add(blocked, 0.002, tags)
    registry.add(connecting, 0, tags)
    registry.add(tls, 0, tags)
    registry.add(sending, 0.01, tags)
    registry.add(waiting, latency * 0.95, tags)
    registry.add(receiving, latency * 0.05, tags)
    registry.add(failed, 0, tags)
    registry.add(sent, 120, tags)
    registry.add(received, 2400, tags)
  })
}

function counterCase (): Result {
  const registry = MetricRegistry.withBuiltins()
  const iterations = registry.get('iterations') as Metric
  return run('registry: iterations counter', 1, (i) => { registry.add(iterations, 1, TAGS[i % TAGS.length] as Tags) })
}

function baselineCase (): Result {
  let kept: number[] = []
  const result = run('baseline: plain array push of the value', 1, (i) => {
    kept.push(LATENCIES[i & 65535] as number)
    // Capped so the baseline cannot exhaust memory on a fast machine; the heap column shows its growth.
    if (kept.length >= 50_000_000) kept = []
  })
  return result
}

// The registry cases run first: the baseline's garbage must not be collected on their time.
const cases = [trendCase(), requestCase(), counterCase()]
const baseline = baselineCase()
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')
const model = cpus()[0]?.model ?? 'unknown CPU'
console.log(`Machine: ${model}, ${cpus().length} cores, Node ${process.version}. ${durationMs} ms per case, ${new Date().toISOString().slice(0, 10)}.`)
console.log('')
console.log('| case | samples/s | vs array push | ns/sample | heap growth MB |')
console.log('| --- | ---: | ---: | ---: | ---: |')
for (const r of [baseline, ...cases]) {
  console.log(`| ${r.name} | ${fmt(r.samplesPerS)} | ${(r.samplesPerS / baseline.samplesPerS).toFixed(2)}x | ${(1e9 / r.samplesPerS).toFixed(0)} | ${r.heapDeltaMb.toFixed(1)} |`)
}
