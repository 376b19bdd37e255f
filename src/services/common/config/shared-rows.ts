/** Rows every service's table has, written once so their rules and wording agree. */
import { ENVIRONMENT_RULE, environmentFromEnv, LOG_LEVELS } from '../domain/environment.js'
import type { OptionRow } from '../../../option-table/index.js'

export const environmentRow: OptionRow = {
  key: 'env',
  flag: 'env',
  value: '<env>',
  env: ['MIB_ENV', 'NODE_ENV'],
  readEnv: environmentFromEnv,
  help: `development (pretty logs, profiling on the service's port) | production (JSON logs, profiling off unless --profiling) | test; ${ENVIRONMENT_RULE}`
}

export const logLevelRow: OptionRow = {
  key: 'logLevel',
  flag: 'log-level',
  value: '<level>',
  env: 'LOG_LEVEL',
  help: `pino level: ${LOG_LEVELS.join(' | ')} (silent under env test); MIB_LOG_FORMAT=json forces JSON lines in development`,
  defaultText: 'info'
}

/** `--profiling`; the admin port, token and MIB_PROFILING are read by defaultProfiling (common/profiling). */
export const profilingRow: OptionRow = {
  key: 'profiling',
  flag: 'profiling',
  kind: 'switch',
  help: 'production: expose /debug/pprof on the token-protected loopback admin listener (token MIB_PROFILING_TOKEN, port MIB_PROFILING_PORT)',
  defaultText: 'off in production'
}
