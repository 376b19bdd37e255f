/**
 * Assembles the engine: buffers, sources, ingestion, the gRPC server and the
 * admin HTTP listener; close() takes them down in the order that drains.
 */
import { createLogger, type Logger } from '../common/logger.js'
import { ServiceMetrics } from '../common/metrics.js'
import { defaultProfiling } from '../common/profiling/index.js'
import type { RunningService } from '../common/service.js'
import { startAdminHttp, type AdminHttp } from './admin-http.js'
import { MarketBuffer } from './buffers/market-buffer.js'
import { NewsStore } from './buffers/news-store.js'
import { parseEngineOptions, resolvedUrls, type EngineOptions, type EngineOptionsInput } from './config.js'
import type { EngineContext } from './context.js'
import { startGrpcServer, stopGrpcServer, type BoundGrpcServer } from './grpc/server.js'
import { CircuitBreaker } from './http-client/circuit-breaker.js'
import { UpstreamCaller, type DescribeError } from './http-client/upstream-caller.js'
import { UpstreamClient } from './http-client/upstream-client.js'
import { Ingestion } from './ingestion.js'
import { MarketDataService } from './market-data.js'
import { EngineMetrics } from './metrics.js'
import { NewsService } from './news.js'
import { SymbolExtractor } from './news/symbols.js'
import type { DataSource } from './sources/data-source.js'
import { NEWS_SOURCE_ID, NewsApiSource, describeNewsApiError } from './sources/news-api.js'
import { SourceRegistry } from './sources/registry.js'
import { TickStreamSource } from './sources/tick-stream.js'
import { YAHOO_SOURCE_ID, YahooFinanceSource, describeYahooError } from './sources/yahoo-finance.js'
import { IngestionStats } from './stats.js'
import { TickHub } from './streaming/tick-hub.js'

export const SERVICE_NAME = 'engine'

export interface RunningEngine extends RunningService {
  /** `grpc`: host:port of the CoreEngineService; `admin`: base URL of /health, /stats, /metrics. */
  urls: { grpc: string, admin: string }
  logger: Logger
}

export interface EngineDependencies {
  /** Defaults to a pino logger per options.env / options.logLevel. */
  logger?: Logger
}

export async function startEngine (input: EngineOptionsInput = {}, deps: EngineDependencies = {}): Promise<RunningEngine> {
  const options = parseEngineOptions(input)
  const logger = deps.logger ?? createLogger({ name: SERVICE_NAME, env: options.env, level: options.logLevel })
  const serviceMetrics = new ServiceMetrics(SERVICE_NAME)
  const parts = assemble(options, logger, serviceMetrics)
  const { ctx, clients } = parts

  let grpc: BoundGrpcServer | undefined
  let admin: AdminHttp | undefined
  try {
    grpc = await startGrpcServer(ctx, options.host, options.grpcPort)
    admin = await startAdminHttp(ctx, serviceMetrics, options.profiling ?? defaultProfiling(options.env, 'engine', false))
  } catch (err) {
    if (grpc !== undefined) grpc.server.forceShutdown()
    await Promise.all(clients.map(async (c) => await c.close()))
    throw err
  }
  connectInBackground(ctx)
  logger.info({ grpc: grpc.address, admin: admin.url }, 'engine listening')

  const boundGrpc = grpc
  const boundAdmin = admin
  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    closing ??= (async () => {
      parts.markClosing()
      // Streams never end on their own: end them first, or the graceful gRPC drain waits for ever.
      ctx.ingestion.hub.closeAll()
      await ctx.registry.disconnectAll()
      const how = await stopGrpcServer(boundGrpc.server, options.shutdownTimeoutMs)
      await boundAdmin.profiling.close()
      await boundAdmin.app.close()
      await Promise.all(clients.map(async (c) => await c.close()))
      logger.info({ grpcShutdown: how }, 'engine closed')
    })()
    return await closing
  }
  return { name: SERVICE_NAME, urls: { grpc: boundGrpc.address, admin: boundAdmin.url }, logger, close }
}

interface Assembled {
  ctx: EngineContext
  clients: UpstreamClient[]
  markClosing: () => void
}

function assemble (options: EngineOptions, logger: Logger, serviceMetrics: ServiceMetrics): Assembled {
  const stats = new IngestionStats(options.rateWindowS)
  const market = new MarketBuffer(options.bufferSize, options.maxSymbols)
  const newsStore = new NewsStore(options.newsBufferSize)
  let registry: SourceRegistry | undefined
  // The drop hook runs only once ticks flow, long after `metrics` below exists.
  const hub = new TickHub(options.streaming.maxSubscribers, options.streaming.subscriberQueueSize, () => metrics.streamDropped.inc())
  const metrics = new EngineMetrics(serviceMetrics.registry, {
    marketBufferSize: () => market.size,
    newsBufferSize: () => newsStore.size,
    symbolsBuffered: () => market.symbolCount,
    streamSubscribers: () => hub.size,
    sources: () => registry?.all() ?? []
  })
  const ingestion = new Ingestion(market, newsStore, stats, hub, metrics)
  const observer = metrics.upstreamObserver(() => ingestion.error())

  const caller = (id: string, baseUrl: string, describe: DescribeError): UpstreamCaller => {
    const breaker = new CircuitBreaker(id, options.breaker)
    breaker.onStateChange((state, previous) => logger[state === 'open' ? 'warn' : 'info']({ source: id, state, previous }, 'circuit state changed'))
    return new UpstreamCaller(new UpstreamClient(id, baseUrl, options.http), breaker, options.retry, observer, describe)
  }
  const streamSymbols = options.tickStream.symbols.filter((s) => s !== '*')
  const yahoo = new YahooFinanceSource(caller(YAHOO_SOURCE_ID, resolvedUrls.yahooFinance(options), describeYahooError), options.yahooFinance.enabled, streamSymbols[0] ?? 'AAPL')
  const newsApi = new NewsApiSource(caller(NEWS_SOURCE_ID, resolvedUrls.newsApi(options), describeNewsApiError), options.newsApi.enabled, options.newsApi.apiKey)
  const tickStream = new TickStreamSource(resolvedUrls.tickStream(options), options.tickStream, options.tickStream.enabled, {
    tick: (tick) => ingestion.tick(tick),
    error: (kind) => { ingestion.error(); metrics.tickStreamError(kind) },
    reconnect: () => metrics.tickStreamReconnects.inc()
  }, logger)
  const sources: DataSource[] = [yahoo, newsApi, tickStream]
  registry = new SourceRegistry(sources)

  let closing = false
  const ctx: EngineContext = {
    options,
    logger,
    metrics,
    ingestion,
    registry,
    marketData: new MarketDataService(ingestion, metrics, options.quoteCacheMs, options.maxSymbols),
    news: new NewsService(ingestion, new SymbolExtractor(streamSymbols), options.newsApi.pageSize, options.newsCacheMs),
    isClosing: () => closing
  }
  return { ctx, clients: [yahoo, newsApi].map((s) => s.client), markClosing: () => { closing = true } }
}

/** Start-up connects: a provider that is down must not stop the engine from serving its buffers. */
function connectInBackground (ctx: EngineContext): void {
  for (const source of ctx.registry.all()) {
    if (!source.enabled) continue
    source.connect(undefined).then(
      (result) => ctx.logger.info({ source: source.id }, result.message),
      // Expected when the provider is down: one line, not a stack. HTTP sources connect on first
      // successful use; the tick stream keeps reconnecting on its own.
      (err: unknown) => ctx.logger.warn({ source: source.id, code: (err as { code?: unknown }).code, error: (err as Error).message }, 'source not connected at start-up')
    )
  }
}
