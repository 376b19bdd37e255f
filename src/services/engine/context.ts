/** Everything the gRPC handlers and the admin HTTP routes work with, built once by startEngine. */
import type { Logger } from '../common/logger.js'
import type { EngineOptions } from './config.js'
import type { Ingestion } from './ingestion.js'
import type { MarketDataService } from './market-data.js'
import type { EngineMetrics } from './metrics.js'
import type { NewsService } from './news.js'
import type { SourceRegistry } from './sources/registry.js'

export interface EngineContext {
  options: EngineOptions
  logger: Logger
  metrics: EngineMetrics
  ingestion: Ingestion
  registry: SourceRegistry
  marketData: MarketDataService
  news: NewsService
  /** True from the start of close(): health turns unhealthy, new streams are refused. */
  isClosing: () => boolean
}
