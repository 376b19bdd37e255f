/** Domain rules shared by the gateway, the engine and the provider simulator: each lives here once. */
export { SYMBOL_MAX_CHARS, SYMBOL_PATTERN, SYMBOL_PATTERN_ANY_CASE, SYMBOL_RULE, normaliseSymbolText, parseSymbolList } from './symbols.js'
export { REQUEST_LIMITS } from './limits.js'
export {
  DEFAULT_ENVIRONMENT, ENVIRONMENTS, ENVIRONMENT_RULE, LOG_LEVELS, environmentFromEnv, environmentSchema, logLevelSchema, type Environment
} from './environment.js'
