/**
 * Profiling endpoints (/debug/pprof/*) for every service. PUBLIC FACE ONLY:
 * the profiling work (issue 4) implements the routes behind this signature.
 *
 * - mode `main`: the routes go on the service's own HTTP app (development default).
 * - mode `admin`: a separate listener on 127.0.0.1:adminPort that requires
 *   `Authorization: Bearer <token>` (production, when enabled with --profiling).
 * - mode `off`: nothing is mounted; /debug paths are 404 like any unknown route.
 */
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { Logger } from '../logger.js'

export const DEFAULT_PROFILING_PORTS = { gateway: 6060, engine: 6061, 'provider-sim': 6062 } as const

export const profilingSchema = z.object({
  mode: z.enum(['main', 'admin', 'off']),
  /** Port of the loopback admin listener (mode `admin`); 0 picks a free one. */
  adminPort: z.number().int().min(0).max(65535),
  /** Bearer token for the admin listener; generated at start when absent. */
  token: z.string().min(16).optional()
}).strict()

export type ProfilingOptions = z.output<typeof profilingSchema>

export interface ProfilingHandle {
  /** Base URLs of the profiling index, e.g. `http://127.0.0.1:6060/debug/pprof/`. */
  urls: string[]
  /** The admin listener's bearer token (mode `admin` only). */
  token?: string
  close(): Promise<void>
}

/**
 * Mounts the profiling routes per `options.mode`. Call it before `app.listen()`.
 * In mode `main` the URLs are known only after listen; use `profilingUrls()`.
 */
export async function mountProfiling (
  _app: FastifyInstance,
  _options: ProfilingOptions,
  _context: { service: string, logger: Logger }
): Promise<ProfilingHandle> {
  return { urls: [], async close () {} }
}

/**
 * The profiling settings a service starts with when only the environment and
 * the --profiling flag are given: development → main port; production → off,
 * or the token-protected loopback admin listener when `enabled`.
 */
export function defaultProfiling (env: string, service: keyof typeof DEFAULT_PROFILING_PORTS, enabled: boolean): ProfilingOptions {
  const token = process.env.MIB_PROFILING_TOKEN
  const base = { adminPort: DEFAULT_PROFILING_PORTS[service], ...(token ? { token } : {}) }
  if (env === 'production') return { mode: enabled ? 'admin' : 'off', ...base }
  return { mode: 'main', ...base }
}
