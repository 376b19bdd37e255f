/**
 * Assembles the simulator: market, news, knobs, HTTP routes, the WebSocket
 * stream and the ticker, on one Fastify app. See docs/provider-sim.md.
 */
import websocket from '@fastify/websocket'
import type { FastifyInstance } from 'fastify'
import { createHttpServer, listen, type HttpServerSettings } from '../common/http-server.js'
import { createLogger, type Logger } from '../common/logger.js'
import { ServiceMetrics } from '../common/metrics.js'
import { defaultProfiling, mountProfiling } from '../common/profiling/index.js'
import type { RunningService } from '../common/service.js'
import { parseOptions } from '../../options.js'
import type { SimContext } from './context.js'
import type { ProviderSimKnobs } from './knobs.js'
import { ProviderSimMetrics } from './metrics.js'
import { providerSimOptionsSchema, type ProviderSimOptions, type ProviderSimOptionsInput } from './options.js'
import { registerAdminRoutes } from './routes/admin.js'
import { registerHealthRoute } from './routes/health.js'
import { registerNewsRoute } from './routes/news.js'
import { registerQuoteRoute } from './routes/quote.js'
import { Simulation } from './simulation.js'
import type { StreamHub } from './stream/hub.js'
import { registerStreamRoute, STREAM_PATH } from './stream/route.js'

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
  const shutdown = new AbortController()
  const sim = new Simulation(options, metrics, logger)
  const ctx: SimContext = {
    market: sim.market,
    news: sim.news,
    faults: sim.faults,
    metrics,
    knobs: () => sim.knobs,
    setKnobs: (patch) => sim.setKnobs(patch),
    apiKey: options.apiKey,
    shutdown: shutdown.signal,
    startedAtMs: sim.startedAtMs,
    seed: options.seed,
    wsClients: () => sim.hub.size
  }

  const app = await createApp(ctx, sim.hub, options, { logger, metrics: serviceMetrics })
  const profiling = await mountProfiling(app, options.profiling ?? defaultProfiling(options.env, SERVICE_NAME, false), { service: SERVICE_NAME, logger, host: options.host })
  let http: string
  try {
    http = await listen(app, options.host, options.port)
  } catch (err) {
    await profiling.close()
    await app.close()
    throw err
  }
  sim.start()
  const ws = `${http.replace(/^http/, 'ws')}${STREAM_PATH}`
  logger.info({ url: http, stream: ws, seed: options.seed, symbols: options.symbols.length, knobs: sim.knobs }, 'provider-sim listening')

  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    closing ??= (async () => {
      sim.stop()
      // Injected delays end now, so in-flight calls answer instead of holding the shutdown.
      shutdown.abort()
      await app.close()
      await profiling.close()
    })()
    await closing
  }

  return {
    name: SERVICE_NAME,
    urls: { http, ws },
    logger,
    close,
    config: () => sim.knobs,
    setKnobs: (patch) => sim.setKnobs(patch)
  }
}

/** The Fastify app with every route; profiling is mounted by the caller. */
async function createApp (ctx: SimContext, hub: StreamHub, options: ProviderSimOptions, settings: HttpServerSettings): Promise<FastifyInstance> {
  const app = createHttpServer(settings)
  await app.register(websocket, {
    options: { maxPayload: options.stream.maxMessageBytes },
    // Our own close (1001 + grace + terminate) instead of the plugin's bare close().
    preClose: async function () {
      await hub.closeAll()
    },
    errorHandler: (err, socket) => {
      settings.logger.debug({ err }, 'stream socket error')
      socket.terminate()
    }
  })
  registerHealthRoute(app, ctx)
  registerQuoteRoute(app, ctx)
  registerNewsRoute(app, ctx)
  registerAdminRoutes(app, ctx)
  registerStreamRoute(app, hub)
  return app
}

export type { ProviderSimOptions }
