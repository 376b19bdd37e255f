/**
 * The provider simulator's public face: a local stand-in for Yahoo Finance
 * quotes, NewsAPI search and a WebSocket trade/quote stream. docs/provider-sim.md
 * documents the wire formats, knobs and errors.
 */
export { startProviderSim, SERVICE_NAME, type RunningProviderSim } from './service.js'
export { providerSimOptionsSchema, type ProviderSimOptions, type ProviderSimOptionsInput } from './options.js'
export { PROVIDER_SIM_OPTIONS, providerSimOptionsFromCli, providerSimOptionsFromEnv } from './cli-options.js'
export { DEFAULT_KNOBS, mergeKnobs, knobsPatchSchema, type ProviderSimKnobs, type KnobsPatch } from './knobs.js'
export { InvalidKnobsError, NewsParameterInvalidError, NewsParametersMissingError } from './errors.js'
export { NEWS_KEYWORDS, type Sentiment } from './news-templates.js'
export type { YahooQuote } from './market.js'
export type { YahooQuoteResponse } from './routes/quote.js'
export type { NewsApiArticle } from './news-generator.js'
export type { NewsApiOk, NewsApiError, NewsApiErrorCode } from './routes/news.js'
