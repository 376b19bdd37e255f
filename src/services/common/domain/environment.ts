/**
 * Which environment a service runs in, decided by one rule for every service:
 * MIB_ENV is ours, so when set (non-empty) it wins and must name an environment
 * (anything else is an error naming it); otherwise NODE_ENV counts only when it
 * names one, because other tools set it too ("staging" is ignored); otherwise
 * the default, development.
 */
import { z } from 'zod'

export const ENVIRONMENTS = ['development', 'production', 'test'] as const
export type Environment = typeof ENVIRONMENTS[number]
export const DEFAULT_ENVIRONMENT: Environment = 'development'

export const environmentSchema = z.enum(ENVIRONMENTS)

/** The rule in words (help text and docs). */
export const ENVIRONMENT_RULE = 'MIB_ENV beats NODE_ENV, which counts only when it names one of these'

/** The environment the variables ask for, or undefined for the default. MIB_ENV is returned unchecked so validation names it. */
export function environmentFromEnv (env: NodeJS.ProcessEnv): string | undefined {
  const ours = env.MIB_ENV
  if (ours !== undefined && ours !== '') return ours
  const shared = env.NODE_ENV
  return (ENVIRONMENTS as readonly string[]).includes(shared ?? '') ? shared : undefined
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export const logLevelSchema = z.enum(LOG_LEVELS)
