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
export function planStack (o: StackOptions): ServicePlan[] {
  const base = ['--host', o.host, '--env', o.env, ...(o.profiling ? ['--profiling'] : [])]
  const http = (p: number): string => `http://${o.host}:${p}`
  const adminListener = o.env === 'production' && o.profiling
  const debugUrl = (adminPort: number, mainUrl: string): string | undefined => {
    if (o.env === 'development') return `${mainUrl}/debug/pprof/`
    return adminListener ? `http://127.0.0.1:${adminPort}/debug/pprof/` : undefined
  }
  const profilingEnv = (adminPort: number): Record<string, string> => adminListener ? { MIB_PROFILING_PORT: String(adminPort) } : {}
  const withAdmin = (ports: number[], adminPort: number): number[] => adminListener ? [...ports, adminPort] : ports
  const provider = http(o.providerPort)
  const engineAdmin = http(o.engineAdminPort)
  const gateway = http(o.gatewayPort)
  return [
    {
      name: 'provider-sim',
      args: ['provider-sim', ...base, '--port', String(o.providerPort)],
      env: profilingEnv(o.providerProfilingPort),
      ports: withAdmin([o.providerPort], o.providerProfilingPort),
      record: withProfiling({ name: 'provider-sim', urls: { http: provider }, healthUrl: `${provider}/health`, metricsUrl: `${provider}/metrics` }, debugUrl(o.providerProfilingPort, provider))
    },
    {
      name: 'engine',
      args: ['engine', ...base, '--grpc-port', String(o.engineGrpcPort), '--admin-port', String(o.engineAdminPort), '--provider-url', provider],
      env: profilingEnv(o.engineProfilingPort),
      ports: withAdmin([o.engineGrpcPort, o.engineAdminPort], o.engineProfilingPort),
      record: withProfiling({ name: 'engine', urls: { grpc: `${o.host}:${o.engineGrpcPort}`, admin: engineAdmin }, healthUrl: `${engineAdmin}/health`, metricsUrl: `${engineAdmin}/metrics` }, debugUrl(o.engineProfilingPort, engineAdmin))
    },
    {
      name: 'gateway',
      args: ['gateway', ...base, '--port', String(o.gatewayPort), '--engine-url', `${o.host}:${o.engineGrpcPort}`],
      env: profilingEnv(o.gatewayProfilingPort),
      ports: withAdmin([o.gatewayPort], o.gatewayProfilingPort),
      record: withProfiling({ name: 'gateway', urls: { http: gateway }, healthUrl: `${gateway}/api/v1/health`, metricsUrl: `${gateway}/metrics` }, debugUrl(o.gatewayProfilingPort, gateway))
    }
  ]
}

function withProfiling (record: ServicePlan['record'], profilingUrl: string | undefined): ServicePlan['record'] {
  return profilingUrl === undefined ? record : { ...record, profilingUrl }
}
