/**
 * Assembles the simulator: market, news, knobs, HTTP routes, the WebSocket
 * stream and the ticker, on one Fastify app. See docs/provider-sim.md.
 */
import websocket from '@fastify/websocket'
import { createHttpServer, listen } from '../common/http-server.js'
import { createLogger, type Logger } from '../common/logger.js'
import { ServiceMetrics } from '../common/metrics.js'
import { defaultProfiling, mountProfiling } from '../common/profiling/index.js'
import type { RunningService } from '../common/service.js'
import { parseOptions } from '../../options.js'
import type { SimContext } from './context.js'
import { FaultInjector } from './faults.js'
import { mergeKnobs, type ProviderSimKnobs } from './knobs.js'
import { Market } from './market.js'
import { ProviderSimMetrics } from './metrics.js'
import { NewsStore } from './news-store.js'
import { providerSimOptionsSchema, type ProviderSimOptions, type ProviderSimOptionsInput } from './options.js'
import { registerAdminRoutes } from './routes/admin.js'
import { registerHealthRoute } from './routes/health.js'
import { registerNewsRoute } from './routes/news.js'
import { registerQuoteRoute } from './routes/quote.js'
import { StreamHub } from './stream/hub.js'
import { registerStreamRoute } from './stream/route.js'
import { Ticker } from './ticker.js'

export const SERVICE_NAME = 'provider-sim'

export interface RunningProviderSim extends RunningService {
  /** `http`: base URL; `ws`: the stream URL (…/v1/stream). */
  urls: { http: string, ws: string }
  logger: Logger
  /** The current knobs. */
  config(): ProviderSimKnobs
  /** Merges `patch` into the knobs (validated; throws InvalidKnobsError) and returns the result. */
  setKnobs(patch: Partial<ProviderSimKnobs>): ProviderSimKnobs
}

export async function startProviderSim (input: ProviderSimOptionsInput = {}): Promise<RunningProviderSim> {
  const options = parseOptions(providerSimOptionsSchema, input, 'provider-sim options')
  const logger = createLogger({ name: SERVICE_NAME, env: options.env, level: options.logLevel })
  const serviceMetrics = new ServiceMetrics(SERVICE_NAME)
  const metrics = new ProviderSimMetrics(serviceMetrics.registry)
  const startedAtMs = Date.now()
  const shutdown = new AbortController()

  const market = new Market(options.symbols, options.seed, startedAtMs)
  const news = new NewsStore({ seed: options.seed, symbols: options.symbols, ...options.news })
  news.catchUp(startedAtMs)
  metrics.newsArticles.set(news.size)

  let knobs: ProviderSimKnobs = { ...options.knobs }
  const hub = new StreamHub(market, metrics, options.stream, logger)
  const ticker = new Ticker((steps, nowMs) => {
    for (let i = 0; i < steps; i++) hub.broadcast(market.step(nowMs), nowMs)
    metrics.marketSteps.inc(steps)
  })
  const setKnobs = (patch: unknown): ProviderSimKnobs => {
    const next = mergeKnobs(knobs, patch)
    if (next.tickRateHz !== knobs.tickRateHz) ticker.setRate(next.tickRateHz)
    knobs = next
    metrics.showKnobs(knobs)
    return { ...knobs }
  }
  metrics.showKnobs(knobs)

  const ctx: SimContext = {
    market,
    news,
    faults: new FaultInjector(options.seed, () => knobs),
    metrics,
    knobs: () => ({ ...knobs }),
    setKnobs,
    apiKey: options.apiKey,
    shutdown: shutdown.signal,
    startedAtMs,
    seed: options.seed,
    wsClients: () => hub.size
  }

  const app = createHttpServer({ logger, metrics: serviceMetrics })
  await app.register(websocket, {
    options: { maxPayload: options.stream.maxMessageBytes },
    // Our own close (1001 + grace + terminate) instead of the plugin's bare close().
    preClose: async function () {
      await hub.closeAll()
    },
    errorHandler: (err, socket) => {
      logger.debug({ err }, 'stream socket error')
      socket.terminate()
    }
  })
  registerHealthRoute(app, ctx)
  registerQuoteRoute(app, ctx)
  registerNewsRoute(app, ctx)
  registerAdminRoutes(app, ctx)
  registerStreamRoute(app, hub)

  const profiling = await mountProfiling(app, options.profiling ?? defaultProfiling(options.env, SERVICE_NAME, false), { service: SERVICE_NAME, logger })
  let http: string
  try {
    http = await listen(app, options.host, options.port)
  } catch (err) {
    await profiling.close()
    await app.close()
    throw err
  }
  ticker.setRate(knobs.tickRateHz)
  hub.startHeartbeat()
  logger.info({ url: http, stream: `${toWs(http)}/v1/stream`, seed: options.seed, symbols: options.symbols.length, knobs }, 'provider-sim listening')

  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    closing ??= (async () => {
      ticker.stop()
      shutdown.abort()
      await app.close()
      await profiling.close()
    })()
    await closing
  }

  return {
    name: SERVICE_NAME,
    urls: { http, ws: `${toWs(http)}/v1/stream` },
    logger,
    close,
    config: () => ({ ...knobs }),
    setKnobs: (patch) => setKnobs(patch)
  }
}

function toWs (httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws')
}

export type { ProviderSimOptions }
