import { pino, type Logger, type LoggerOptions } from 'pino'
import type { Environment } from './domain/environment.js'

export type { Environment, Logger }

export interface LoggerSettings {
  /** Service name, put on every line as `service`. */
  name: string
  env: Environment
  /** pino level; default `info` (`silent` under test; set LOG_LEVEL to see them). */
  level?: string | undefined
}

/**
 * JSON lines in production (cheap, machine-readable); pino-pretty in development.
 * Pretty printing runs in a pino transport worker so it never costs the event loop.
 */
export function createLogger ({ name, env, level }: LoggerSettings): Logger {
  const options: LoggerOptions = {
    name,
    level: level ?? process.env.LOG_LEVEL ?? (env === 'test' ? 'silent' : 'info'),
    base: { service: name, pid: process.pid }
  }
  if (env === 'development' && process.env.MIB_LOG_FORMAT !== 'json') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } })
  }
  return pino(options)
}
