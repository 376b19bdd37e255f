/**
 * One benchmark process role, so that servers and load generator do not share an
 * event loop (as in production, each service is its own process):
 *   upstream                      provider simulator + engine
 *   gateway <engineUrl> [cached|coalesced|per-request]   (the read strategy; see engine-reads.ts)
 *   bare <payloads.json>          plain Fastify answering the same bodies
 * Prints `READY <json urls>` on stdout once listening; stops on SIGTERM.
 */
import { readFile } from 'node:fs/promises'
import Fastify from 'fastify'
import { startEngine } from '../../../src/services/engine/index.js'
import { startProviderSim } from '../../../src/services/provider-sim/index.js'
import { startGateway } from '../../../src/services/gateway/index.js'

const PROFILING_OFF = { mode: 'off', adminPort: 0 } as const
/** Fast enough to fill 50 quotes per symbol in a few seconds of warm-up. */
const WARMUP_TICK_RATE_HZ = 25

type Stop = () => Promise<void>

async function upstream (): Promise<{ urls: Record<string, string>, stop: Stop }> {
  const sim = await startProviderSim({ port: 0, env: 'production', logLevel: 'warn', profiling: PROFILING_OFF, knobs: { tickRateHz: WARMUP_TICK_RATE_HZ } })
  const engine = await startEngine({ grpcPort: 0, adminPort: 0, env: 'production', logLevel: 'warn', providerUrl: sim.urls.http, profiling: PROFILING_OFF })
  return { urls: { sim: sim.urls.http, grpc: engine.urls.grpc }, stop: async () => { await engine.close(); await sim.close() } }
}

const READ_STRATEGIES: Record<string, { coalesceReads: boolean, readCacheTtlMs?: number }> = {
  cached: { coalesceReads: true },
  coalesced: { coalesceReads: true, readCacheTtlMs: 0 },
  'per-request': { coalesceReads: false, readCacheTtlMs: 0 }
}

async function gateway (engineUrl: string, mode: string): Promise<{ urls: Record<string, string>, stop: Stop }> {
  const strategy = READ_STRATEGIES[mode]
  if (strategy === undefined) throw new Error(`unknown read strategy ${mode}`)
  const g = await startGateway({ port: 0, env: 'production', logLevel: 'warn', engineUrl, ...strategy })
  return { urls: { http: g.urls.http }, stop: g.close }
}

/** The baseline: Fastify with defaults, one route per endpoint returning the gateway's own body as an object. */
async function bare (payloadsFile: string): Promise<{ urls: Record<string, string>, stop: Stop }> {
  const payloads = JSON.parse(await readFile(payloadsFile, 'utf8')) as Record<string, unknown>
  const app = Fastify({ logger: false })
  for (const [name, body] of Object.entries(payloads)) {
    app.get(`/bare/${name}`, async () => body)
    app.post(`/bare/${name}`, async () => body)
  }
  const http = await app.listen({ host: '127.0.0.1', port: 0 })
  return { urls: { http }, stop: async () => { await app.close() } }
}

const [role, arg, mode = 'cached'] = process.argv.slice(2)
const started = role === 'upstream'
  ? await upstream()
  : role === 'gateway' && arg !== undefined
    ? await gateway(arg, mode)
    : role === 'bare' && arg !== undefined
      ? await bare(arg)
      : undefined
if (started === undefined) {
  process.stderr.write('usage: serve.ts upstream | gateway <engineUrl> [cached|coalesced|per-request] | bare <payloads.json>\n')
  process.exit(2)
}
process.stdout.write(`READY ${JSON.stringify(started.urls)}\n`)
process.once('SIGTERM', () => { void started.stop().then(() => process.exit(0)) })
