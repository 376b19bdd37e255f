/** The resources the VUs of a thread share (clock, emitter, connection pool, sleep queue, HTTP defaults), from the validated options. */
import { realClock, type Clock } from '../clock.js'
import { DEFAULT_CONNECTION_OPTIONS, ConnectionPool } from '../http/connections.js'
import { DEFAULT_HTTP } from '../http/defaults.js'
import type { ValidatedOptions } from '../script/options-schema.js'
import type { VuResources } from '../vu/vu.js'
import { SleepQueue } from '../vu/sleep-queue.js'
import type { Emitter } from './emitter.js'

export interface VuResourcesInput {
  emitter: Emitter
  options: ValidatedOptions
  env: Readonly<Record<string, string>>
  /** Multiplies sleep() (see script/time-scale.ts). */
  sleepScale: number
  clock?: Clock
}

export function createVuResources ({ emitter, options, env, sleepScale, clock = realClock }: VuResourcesInput): VuResources {
  const connectionOptions = { ...DEFAULT_CONNECTION_OPTIONS, insecureSkipTLSVerify: options.insecureSkipTLSVerify }
  return {
    clock,
    emitter,
    sleepScale,
    env,
    globalTags: options.tags,
    http: {
      ...DEFAULT_HTTP,
      userAgent: options.userAgent,
      discardResponseBodies: options.discardResponseBodies,
      throwOnError: options.throw,
      maxRedirects: options.maxRedirects,
      noConnectionReuse: options.noConnectionReuse,
      noVUConnectionReuse: options.noVUConnectionReuse
    },
    connectionOptions,
    // noVUConnectionReuse closes a VU's connections after each iteration: they must be its own.
    connectionModel: options.noVUConnectionReuse ? 'per-vu' : options.connectionModel,
    pool: new ConnectionPool(connectionOptions),
    sleeps: new SleepQueue(clock)
  }
}
