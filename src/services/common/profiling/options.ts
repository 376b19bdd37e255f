import { isIPv4 } from 'node:net'
import { z } from 'zod'

export const DEFAULT_PROFILING_PORTS = { gateway: 6060, engine: 6061, 'provider-sim': 6062 } as const
export type ProfiledService = keyof typeof DEFAULT_PROFILING_PORTS

/** Sampling heap profiler interval: 512 KiB, Go's MemProfileRate, cheap enough to leave on. */
export const DEFAULT_HEAP_INTERVAL_BYTES = 512 * 1024

/** True for the hosts a loopback-only listener may bind to. */
export function isLoopbackHost (host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
  if (bare === 'localhost' || bare === '::1') return true
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare
  return isIPv4(v4) && v4.startsWith('127.')
}

export const profilingSchema = z.object({
  mode: z.enum(['main', 'admin', 'off']),
  /** Port of the loopback admin listener (mode `admin`); 0 picks a free one. */
  adminPort: z.number().int().min(0).max(65535),
  /** Bearer token for the admin listener; generated at start when absent. */
  token: z.string().min(16).optional(),
  /** Host of the admin listener; loopback only. Default 127.0.0.1. */
  adminHost: z.string().refine(isLoopbackHost, 'must be a loopback address (127.0.0.1, ::1 or localhost)').optional(),
  /** Average bytes between heap samples; default 512 KiB. Smaller is finer and costlier. */
  heapIntervalBytes: z.number().int().min(1024).optional()
}).strict()

export type ProfilingOptions = z.output<typeof profilingSchema>

/**
 * The profiling settings a service starts with when only the environment and
 * the --profiling flag are given: development → main port; production → off,
 * or the token-protected loopback admin listener when `enabled` (or MIB_PROFILING=1),
 * on MIB_PROFILING_PORT or the service's default admin port.
 */
/**
 * The profiling options of a service's raw option input (from its option table):
 * the `--profiling` switch and the environment resolved by `defaultProfiling`.
 */
export function profilingFromInput (input: Record<string, unknown>, service: ProfiledService, processEnv: NodeJS.ProcessEnv = process.env): ProfilingOptions {
  return defaultProfiling(typeof input.env === 'string' ? input.env : 'development', service, input.profiling === true, processEnv)
}

export function defaultProfiling (env: string, service: ProfiledService, enabled: boolean, processEnv: NodeJS.ProcessEnv = process.env): ProfilingOptions {
  const token = processEnv.MIB_PROFILING_TOKEN
  // MIB_PROFILING_PORT: the stack supervisor gives each service process its own admin port.
  const port = Number(processEnv.MIB_PROFILING_PORT)
  const adminPort = Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_PROFILING_PORTS[service]
  const base = { adminPort, ...(token !== undefined && token !== '' ? { token } : {}) }
  if (env === 'production') return { mode: enabled || isTruthy(processEnv.MIB_PROFILING) ? 'admin' : 'off', ...base }
  return { mode: 'main', ...base }
}

function isTruthy (raw: string | undefined): boolean {
  return raw === '1' || raw === 'true' || raw === 'yes'
}
