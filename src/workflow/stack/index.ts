/** Running the three services together: start, stop, status, health, wait-ready. */
import { readRunState, runDirPath, type ServiceRecord } from '../../run-dir.js'
import { RunDirMissingError } from '../../run-dir.js'
import { planStack, stackOptionsSchema } from './plan.js'
import { checkHealth, waitHealthy, type HealthResult } from './health.js'
import { isAlive, isOurService } from './processes.js'
import { listenerPid } from './listener.js'

export { startStack, stopStack, restartService, type RunningStack, type StartSettings, type ServiceExit, type RestartOutcome } from './supervisor.js'
export { runForeground } from './foreground.js'
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
  /** The recorded pid is still the service `mib start` started. */
  running: boolean
  /**
   * running; stopped (the recorded process is gone and nothing answers its health URL);
   * or unmanaged: the recorded process is gone (or none is recorded), yet something answers at
   * its address — a process `mib start` did not start (e.g. restarted by hand), which `mib stop` leaves alone.
   */
  state: 'running' | 'stopped' | 'unmanaged'
  /** Unmanaged: the process listening at its health address (Linux, a process of this user), so it can be stopped by hand. */
  listenerPid?: number
  health: HealthResult
  urls: Record<string, string>
}

export async function stackStatus (runDir?: string): Promise<ServiceStatus[]> {
  const services = await knownServices(runDir)
  return await Promise.all(services.map(async (s) => {
    const running = s.pid === undefined ? false : isAlive(s.pid) && await isOurService(s.pid, s.name)
    const health = await checkHealth(s.name, s.healthUrl)
    const answered = health.statusCode !== undefined
    const state = running ? 'running' : answered ? 'unmanaged' : 'stopped'
    const listener = state === 'unmanaged' ? await listenerPid(portOf(s.healthUrl)) : undefined
    return { name: s.name, ...(s.pid === undefined ? {} : { pid: s.pid }), running, state, ...(listener === undefined ? {} : { listenerPid: listener }), health, urls: s.urls }
  }))
}

/** The port of an http URL, its scheme's default when the URL names none. */
function portOf (url: string): number {
  const parsed = new URL(url)
  return parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port)
}

export function healthText (r: HealthResult): string {
  if (r.healthy) return `healthy (${r.latencyMs.toFixed(1)} ms)`
  return `UNHEALTHY (${r.error ?? `status ${r.statusCode}`})`
}

/** `mib status`: one line per service, and what an unmanaged one means. */
export function formatStatus (status: ServiceStatus[]): string {
  const lines = status.map((s) => {
    const health = s.state === 'stopped' ? 'not answering' : healthText(s.health)
    // An unmanaged service's pid is the one answering (when found), not the recorded one that is gone.
    const pid = s.state === 'unmanaged' ? s.listenerPid : s.pid
    return `${s.name.padEnd(13)} ${(pid === undefined ? '-' : String(pid)).padEnd(8)} ${s.state.padEnd(9)} ${health}  ${Object.values(s.urls).join(' ')}`
  })
  const unmanaged = status.filter((s) => s.state === 'unmanaged').map((s) => s.listenerPid === undefined ? s.name : `${s.name} (pid ${s.listenerPid})`)
  if (unmanaged.length > 0) {
    lines.push(`unmanaged: ${unmanaged.join(', ')} ${unmanaged.length === 1 ? 'answers' : 'answer'} at its address, but not from a process \`mib start\` started` +
      ' (restarted by hand?): `mib stop` will not stop it. Stop it yourself, then `mib restart <service>`.')
  }
  return lines.join('\n')
}
