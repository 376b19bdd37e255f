/**
 * Test fixtures of the engine (imported by *.test.ts only): a real provider
 * simulator and a real engine on port 0, and a gRPC client built from the
 * contract, with promise helpers that expose status and trailers.
 */
import type { TestContext } from 'node:test'
import { credentials, Metadata, type CallOptions, type requestCallback, type ServiceError } from '@grpc/grpc-js'
import { loadContract, type CoreEngineServiceClient } from '../common/contract/index.js'
import { startProviderSim, type RunningProviderSim } from '../provider-sim/index.js'
import type { ProviderSimOptionsInput } from '../provider-sim/index.js'
import type { EngineOptionsInput } from './config.js'
import { startEngine, type RunningEngine } from './service.js'

export interface Stack {
  sim: RunningProviderSim
  engine: RunningEngine
  client: CoreEngineServiceClient
}

export async function startSim (t: TestContext, options: ProviderSimOptionsInput = {}): Promise<RunningProviderSim> {
  const sim = await startProviderSim({ port: 0, env: 'test', profiling: { mode: 'off', adminPort: 0 }, ...options })
  t.after(() => sim.close())
  return sim
}

export async function startTestEngine (t: TestContext, options: EngineOptionsInput = {}): Promise<RunningEngine> {
  const engine = await startEngine({ grpcPort: 0, adminPort: 0, env: 'test', profiling: { mode: 'off', adminPort: 0 }, ...options })
  t.after(() => engine.close())
  return engine
}

export function grpcClient (t: TestContext, address: string): CoreEngineServiceClient {
  const Client = loadContract().market_intel.core_engine.CoreEngineService
  const client = new Client(address, credentials.createInsecure())
  t.after(() => client.close())
  return client
}

/** Sim (knobs as given, ticks fast enough for tests) + engine pointed at it + client. */
export async function startStack (t: TestContext, engineOptions: EngineOptionsInput = {}, simOptions: ProviderSimOptionsInput = {}): Promise<Stack> {
  const sim = await startSim(t, simOptions)
  const engine = await startTestEngine(t, { providerUrl: sim.urls.http, ...engineOptions })
  return { sim, engine, client: grpcClient(t, engine.urls.grpc) }
}

export type UnaryName = 'HealthCheck' | 'FetchMarketData' | 'FetchNewsData' | 'GetMarketDataBuffer' | 'GetNewsBuffer' | 'GetIngestionStats' | 'ConnectDataSource'
type RequestOf<K extends UnaryName> = Parameters<CoreEngineServiceClient[K]>[0]
type ResponseOf<K extends UnaryName> = Parameters<CoreEngineServiceClient[K]>[1] extends requestCallback<infer R> ? R : never
type AnyUnary = (request: unknown, metadata: Metadata, options: CallOptions, callback: (err: ServiceError | null, res?: unknown) => void) => unknown

/** Calls a unary RPC; rejects with the ServiceError (code, details, metadata = trailers). */
export async function call<K extends UnaryName> (client: CoreEngineServiceClient, method: K, request: RequestOf<K>, timeoutMs = 20_000): Promise<ResponseOf<K>> {
  const fn = client[method] as unknown as AnyUnary
  return await new Promise((resolve, reject) => {
    fn.call(client, request, new Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
      if (err !== null) reject(err)
      else resolve(res as ResponseOf<K>)
    })
  })
}

/** The engine's error trailers of a failed call. */
export function trailersOf (err: unknown): { code: number, errorCode: string, httpStatus: string, details: string } {
  const e = err as ServiceError
  return {
    code: e.code,
    errorCode: String(e.metadata?.get('mib-error-code')[0] ?? ''),
    httpStatus: String(e.metadata?.get('mib-http-status')[0] ?? ''),
    details: e.details
  }
}

/** Polls `condition` every 25 ms until it holds or `timeoutMs` passes (never a fixed sleep). */
export async function waitFor (condition: () => boolean | Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/** Sum of the samples of `name` in Prometheus text whose labels include every `labels` pair. */
export function metricSum (text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue
    const wanted = Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))
    if (wanted) sum += Number(line.slice(line.lastIndexOf(' ') + 1))
  }
  return sum
}

export async function scrape (baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/metrics`)
  return await res.text()
}
