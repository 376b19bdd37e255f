/**
 * Bounds of one request to the engine, part of the gRPC contract: the engine
 * enforces them, and the gateway's own (configurable) bounds may not exceed them,
 * so the gateway never accepts a request the engine would refuse.
 */
export const REQUEST_LIMITS = {
  /** Symbols per FetchMarketData / StreamMarketData. */
  maxSymbols: 100,
  maxKeywords: 20,
  maxKeywordChars: 64,
  /** Items per buffer read; 0 (unset) means defaultLimit. */
  defaultLimit: 50,
  maxLimit: 1_000,
  defaultHoursBack: 24,
  /** 30 days: NewsAPI's own history horizon on paid plans. */
  maxHoursBack: 720
} as const

/**
 * NewsAPI's own bounds (GET /v2/everything): the engine asks within them and
 * the provider simulator enforces them, as the real provider does.
 */
export const NEWS_API_LIMITS = {
  /** Characters of the search expression `q`. */
  maxQueryChars: 500,
  /** Articles per page. */
  maxPageSize: 100
} as const

/** The provider's tick stream (the simulator's /v1/stream). */
export const STREAM_LIMITS = {
  /** Symbols one subscribe message may name: the simulator's bound, so the engine subscribes to at most as many. */
  maxSymbolsPerSubscribe: 1_000
} as const
