/** Running the three services together: start, stop, status, health, wait-ready. */
import { readRunState, runDirPath, type ServiceRecord } from '../../run-dir.js'
import { RunDirMissingError } from '../../run-dir.js'
import { planStack, stackOptionsSchema } from './plan.js'
import { checkHealth, waitHealthy, type HealthResult } from './health.js'
import { isAlive, isOurService } from './processes.js'

export { startStack, stopStack, type RunningStack, type StartSettings } from './supervisor.js'
export { stackOptionsSchema, planStack, type StackOptions } from './plan.js'
export { checkHealth, type HealthResult } from './health.js'
export * from './errors.js'

/**
 * The services to look at: those recorded in the run directory, or else the
 * default addresses (services started some other way, e.g. by hand).
 */
export async function knownServices (runDir = runDirPath()): Promise<Array<Omit<ServiceRecord, 'pid'> & { pid?: number }>> {
  try {
    return (await readRunState(runDir)).services
  } catch (err) {
    if (!(err instanceof RunDirMissingError)) throw err
    return planStack(stackOptionsSchema.parse({})).map((p) => p.record)
  }
}

export async function stackHealth (runDir?: string): Promise<HealthResult[]> {
  const services = await knownServices(runDir)
  return await Promise.all(services.map(async (s) => await checkHealth(s.name, s.healthUrl)))
}

export async function waitStackReady (timeoutMs: number, runDir?: string): Promise<HealthResult[]> {
  const services = await knownServices(runDir)
  return await Promise.all(services.map(async (s) => await waitHealthy(s.name, s.healthUrl, timeoutMs)))
}

export interface ServiceStatus {
  name: string
  pid?: number
  running: boolean
  health: HealthResult
  urls: Record<string, string>
}

export async function stackStatus (runDir?: string): Promise<ServiceStatus[]> {
  const services = await knownServices(runDir)
  return await Promise.all(services.map(async (s) => {
    const running = s.pid === undefined ? false : isAlive(s.pid) && await isOurService(s.pid, s.name)
    return { name: s.name, ...(s.pid === undefined ? {} : { pid: s.pid }), running, health: await checkHealth(s.name, s.healthUrl), urls: s.urls }
  }))
}
