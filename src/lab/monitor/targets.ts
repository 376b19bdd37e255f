/**
 * Which services to watch: the run directory's records, overridden or
 * extended by explicit pids and URLs. Names are canonicalised so that
 * `--pid api_gateway=…` and the run directory's `gateway` are one target.
 */
import { readRunState, runDirPath, RunDirMissingError } from '../../run-dir.js'
import type { MonitorOptions, MonitorTarget } from './options.js'

const ALIASES: Readonly<Record<string, string>> = {
  'api-gateway': 'gateway',
  api_gateway: 'gateway',
  'core-engine': 'engine',
  core_engine: 'engine',
  provider_sim: 'provider-sim',
  providersim: 'provider-sim'
}

/** CSV file stems of the known services (the names the report expects). */
const FILE_STEMS: Readonly<Record<string, string>> = {
  gateway: 'api_gateway',
  engine: 'core_engine',
  'provider-sim': 'provider_sim'
}

export function canonicalServiceName (name: string): string {
  const lower = name.toLowerCase()
  return ALIASES[lower] ?? lower
}

/** `gateway` → api_gateway_metrics.csv; any other name → <name>_metrics.csv with '-' and '.' as '_'. */
export function serviceCsvName (name: string): string {
  const canonical = canonicalServiceName(name)
  return `${FILE_STEMS[canonical] ?? canonical.replace(/[-.]/g, '_')}_metrics.csv`
}

export interface ResolvedTargets {
  targets: MonitorTarget[]
  /** Why no service came from the run directory, when none did. */
  runDirProblem: Error | undefined
}

export async function resolveTargets (options: MonitorOptions): Promise<ResolvedTargets> {
  let base: MonitorTarget[] = options.targets ?? []
  let runDirProblem: Error | undefined
  if (options.targets === undefined) {
    try {
      const state = await readRunState(options.runDir ?? runDirPath())
      base = state.services.map((s) => ({ name: s.name, pid: s.pid, metricsUrl: s.metricsUrl, healthUrl: s.healthUrl }))
    } catch (err) {
      // Without `mib start --detach` there is no run directory: explicit targets may still be given.
      if (!(err instanceof RunDirMissingError)) throw err
      runDirProblem = err
    }
  }
  const byName = new Map<string, MonitorTarget>()
  for (const target of base) byName.set(canonicalServiceName(target.name), { ...target, name: canonicalServiceName(target.name) })
  const merge = (name: string, patch: Partial<MonitorTarget>): void => {
    const key = canonicalServiceName(name)
    byName.set(key, { ...(byName.get(key) ?? { name: key }), ...patch })
  }
  for (const { name, pid } of options.pids) merge(name, { pid })
  for (const { name, url } of options.metricsUrls) merge(name, { metricsUrl: url })
  for (const { name, url } of options.healthUrls) merge(name, { healthUrl: url })
  return { targets: [...byName.values()], runDirProblem }
}
