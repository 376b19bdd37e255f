/** Domain rules shared by the gateway, the engine and the provider simulator: each lives here once. */
export { SYMBOL_MAX_CHARS, SYMBOL_PATTERN, SYMBOL_PATTERN_ANY_CASE, SYMBOL_RULE, normaliseSymbolText, parseSymbolList } from './symbols.js'
export { NEWS_API_LIMITS, REQUEST_LIMITS, STREAM_LIMITS } from './limits.js'
export { KEYWORD_FORBIDDEN_CHARS, KEYWORD_MAX_CHARS, KEYWORD_RULE, keywordProblem, normaliseKeyword, parseKeywordList, type KeywordListErrors } from './keywords.js'
export { preview, wellFormed } from './preview.js'
export { API_KEY_MAX_CHARS, API_KEY_PATTERN, API_KEY_RULE, OPTIONAL_API_KEY_PATTERN } from './api-key.js'
export {
  DEFAULT_ENVIRONMENT, ENVIRONMENTS, ENVIRONMENT_RULE, LOG_LEVELS, environmentFromEnv, environmentSchema, logLevelSchema, type Environment
} from './environment.js'
