import type { Market } from './market.js'
import type { NewsStore } from './news-store.js'
import type { FaultInjector } from './faults.js'
import type { ProviderSimMetrics } from './metrics.js'
import type { ProviderSimKnobs } from './knobs.js'

/** What the routes share: built once at start, read per request. */
export interface SimContext {
  market: Market
  news: NewsStore
  faults: FaultInjector
  metrics: ProviderSimMetrics
  knobs: () => ProviderSimKnobs
  setKnobs: (patch: unknown) => ProviderSimKnobs
  /** When set, /v2/everything requires this key (NewsAPI's X-Api-Key). */
  apiKey: string | undefined
  /** Aborted at close, so injected delays end instead of holding the shutdown. */
  shutdown: AbortSignal
  startedAtMs: number
  seed: number
  /** Connected stream clients. */
  wsClients: () => number
}
