/**
 * Which services `mib profile` talks to: those the run directory records with
 * a profiling URL (and the run's token), or one base URL given directly.
 */
import { readRunState, runDirPath, serviceNames, type RunState } from '../../run-dir.js'
import { NoProfilingTargetsError, UnknownServiceError } from './errors.js'

export interface ProfilingTarget {
  /** Service name (`gateway`), or `host_port` for a URL given directly. */
  name: string
  /** The /debug/pprof/ index URL, with the trailing slash. */
  baseUrl: string
  token?: string
}

export interface TargetQuery {
  /** A service name, a URL, or undefined for every recorded service. */
  service?: string
  /** Overrides the run directory's token (and MIB_PROFILING_TOKEN). */
  token?: string
  runDir?: string
  env?: NodeJS.ProcessEnv
}

export interface ResolvedTargets {
  targets: ProfilingTarget[]
  /** Recorded services that do not expose profiling, with the reason. */
  skipped: Array<{ name: string, reason: string }>
}

/** The bearer token for admin listeners when no --token is given (before the run directory's). */
export const PROFILING_TOKEN_ENV = 'MIB_PROFILING_TOKEN'

export function isUrl (value: string): boolean {
  return /^https?:\/\//i.test(value)
}

/** `http://h:p`, `http://h:p/` or `http://h:p/debug/pprof` → `http://h:p/debug/pprof/`. */
export function profilingBaseUrl (url: string): string {
  const parsed = new URL(url)
  const path = parsed.pathname.replace(/\/+$/, '')
  parsed.pathname = path.endsWith('/debug/pprof') ? `${path}/` : `${path}/debug/pprof/`
  parsed.search = ''
  parsed.hash = ''
  return parsed.href
}

function nameForUrl (url: string): string {
  const { hostname, port } = new URL(url)
  return `${hostname.replace(/[^\w.-]/g, '_')}_${port === '' ? 'default' : port}`
}

export async function resolveTargets (query: TargetQuery = {}): Promise<ResolvedTargets> {
  const env = query.env ?? process.env
  const explicitToken = query.token ?? nonEmpty(env[PROFILING_TOKEN_ENV])
  if (query.service !== undefined && isUrl(query.service)) {
    const baseUrl = profilingBaseUrl(query.service)
    return { targets: [{ name: nameForUrl(baseUrl), baseUrl, ...(explicitToken === undefined ? {} : { token: explicitToken }) }], skipped: [] }
  }
  if (query.service !== undefined && !(serviceNames as readonly string[]).includes(query.service)) {
    throw new UnknownServiceError(query.service, [...serviceNames])
  }
  const state = await readRunState(query.runDir ?? runDirPath(env))
  return fromRunState(state, query.service, explicitToken)
}

function fromRunState (state: RunState, only: string | undefined, explicitToken: string | undefined): ResolvedTargets {
  const token = explicitToken ?? state.profilingToken
  const result: ResolvedTargets = { targets: [], skipped: [] }
  for (const service of state.services) {
    if (only !== undefined && service.name !== only) continue
    if (service.profilingUrl === undefined) {
      result.skipped.push({ name: service.name, reason: state.env === 'production' ? 'profiling is off in production (start with `mib start --env production --profiling`)' : 'no profiling URL recorded' })
      continue
    }
    result.targets.push({ name: service.name, baseUrl: profilingBaseUrl(service.profilingUrl), ...(token === undefined ? {} : { token }) })
  }
  if (result.targets.length === 0) {
    const why = result.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')
    throw new NoProfilingTargetsError(why === '' ? `${only ?? 'no service'} is not in the run directory` : why)
  }
  return result
}

function nonEmpty (value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value
}
