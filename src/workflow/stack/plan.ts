/**
 * What `mib start` runs: one process per service, with the flags and URLs
 * derived once from the stack options. Ports are the documented defaults unless
 * overridden (tests pass free ports).
 */
import { z } from 'zod'
import { DEFAULT_HOST, DEFAULT_PORTS } from '../../services/common/defaults.js'
import { DEFAULT_PROFILING_PORTS } from '../../services/common/profiling/options.js'
import type { ServiceName, ServiceRecord } from '../../run-dir.js'

const port = z.number().int().min(1).max(65535)

export const stackOptionsSchema = z.object({
  env: z.enum(['development', 'production']).default('development'),
  /** Production only: expose profiling on the token-protected loopback admin listeners. */
  profiling: z.boolean().default(false),
  host: z.string().default(DEFAULT_HOST),
  gatewayPort: port.default(DEFAULT_PORTS.gateway),
  engineGrpcPort: port.default(DEFAULT_PORTS.engineGrpc),
  engineAdminPort: port.default(DEFAULT_PORTS.engineAdmin),
  providerPort: port.default(DEFAULT_PORTS.providerSim),
  /** Profiling admin listeners (production with profiling on). */
  gatewayProfilingPort: port.default(DEFAULT_PROFILING_PORTS.gateway),
  engineProfilingPort: port.default(DEFAULT_PROFILING_PORTS.engine),
  providerProfilingPort: port.default(DEFAULT_PROFILING_PORTS['provider-sim']),
  /** Per-service readiness bound during start-up, in ms. */
  readyTimeoutMs: z.number().int().positive().default(60_000)
}).strict()

export type StackOptions = z.output<typeof stackOptionsSchema>

export interface ServicePlan {
  name: ServiceName
  /** Arguments after `mib`. */
  args: string[]
  /** Extra environment of the process. */
  env: Record<string, string>
  /** Ports the process will bind: checked free before it starts. */
  ports: number[]
  record: Omit<ServiceRecord, 'pid' | 'logFile'>
}

/** Start order matters: each service's upstream first. */
export function planStack (options: StackOptions): ServicePlan[] {
  const base = ['--host', options.host, '--env', options.env, ...(options.profiling ? ['--profiling'] : [])]
  const http = (p: number): string => `http://${options.host}:${p}`
  const adminListener = options.env === 'production' && options.profiling
  const debugUrl = (adminPort: number, mainUrl: string): string | undefined => {
    if (options.env === 'development') return `${mainUrl}/debug/pprof/`
    return adminListener ? `http://127.0.0.1:${adminPort}/debug/pprof/` : undefined
  }
  const profilingEnv = (adminPort: number): Record<string, string> => adminListener ? { MIB_PROFILING_PORT: String(adminPort) } : {}
  const withAdmin = (ports: number[], adminPort: number): number[] => adminListener ? [...ports, adminPort] : ports
  const provider = http(options.providerPort)
  const engineAdmin = http(options.engineAdminPort)
  const gateway = http(options.gatewayPort)
  return [
    {
      name: 'provider-sim',
      args: ['provider-sim', ...base, '--port', String(options.providerPort)],
      env: profilingEnv(options.providerProfilingPort),
      ports: withAdmin([options.providerPort], options.providerProfilingPort),
      record: withProfiling({ name: 'provider-sim', urls: { http: provider }, healthUrl: `${provider}/health`, metricsUrl: `${provider}/metrics` }, debugUrl(options.providerProfilingPort, provider))
    },
    {
      name: 'engine',
      args: ['engine', ...base, '--grpc-port', String(options.engineGrpcPort), '--admin-port', String(options.engineAdminPort), '--provider-url', provider],
      env: profilingEnv(options.engineProfilingPort),
      ports: withAdmin([options.engineGrpcPort, options.engineAdminPort], options.engineProfilingPort),
      record: withProfiling({ name: 'engine', urls: { grpc: `${options.host}:${options.engineGrpcPort}`, admin: engineAdmin }, healthUrl: `${engineAdmin}/health`, metricsUrl: `${engineAdmin}/metrics` }, debugUrl(options.engineProfilingPort, engineAdmin))
    },
    {
      name: 'gateway',
      args: ['gateway', ...base, '--port', String(options.gatewayPort), '--engine-url', `${options.host}:${options.engineGrpcPort}`],
      env: profilingEnv(options.gatewayProfilingPort),
      ports: withAdmin([options.gatewayPort], options.gatewayProfilingPort),
      record: withProfiling({ name: 'gateway', urls: { http: gateway }, healthUrl: `${gateway}/api/v1/health`, metricsUrl: `${gateway}/metrics` }, debugUrl(options.gatewayProfilingPort, gateway))
    }
  ]
}

function withProfiling (record: ServicePlan['record'], profilingUrl: string | undefined): ServicePlan['record'] {
  return profilingUrl === undefined ? record : { ...record, profilingUrl }
}
