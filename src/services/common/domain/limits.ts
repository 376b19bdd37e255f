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
