/**
 * Starts the three services as separate processes (the microservices), each
 * only once its upstream is healthy, and stops them. Foreground mode prefixes
 * and streams their logs; detached mode writes logs to files and records pids
 * and URLs in the run directory for `mib stop/status/health`, profiling and
 * the monitor.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, rmSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { randomBytes } from 'node:crypto'
import { ensurePrivateDir, PRIVATE_FILE_MODE, readRunState, runDirPath, writeRunState, type RunState, type ServiceName, type ServiceRecord } from '../../run-dir.js'
import { planStack, stackOptionsSchema, type ServicePlan, type StackOptions } from './plan.js'
import { waitHealthy } from './health.js'
import { MIB_BIN, isAlive, isOurService, terminate } from './processes.js'
import { AlreadyRunningError, NotRestartableError, PortInUseError, ServiceExitedError } from './errors.js'
import { createServer } from 'node:net'
import { parseOptions } from '../../options.js'

export interface StartSettings {
  detach: boolean
  runDir?: string
  /** Foreground mode: receives each log line, already prefixed with the service name. */
  onLog?: (line: string) => void
  /** Progress messages ("provider-sim ready at …"). */
  onInfo?: (line: string) => void
}

export interface RunningStack {
  state: RunState
  /** Stops every service (reverse start order; each drains on SIGTERM). */
  stop(): Promise<void>
  /** Kills every service at once (SIGKILL) and forgets the run state; synchronous, for an immediate exit. */
  killNow(): void
  /** Resolves when any service exits on its own (not by stopService), with its name and exit code. */
  exited: Promise<ServiceExit>
  /**
   * Ends one service with `signal` (SIGTERM: it drains; SIGKILL: a crash) and
   * resolves once it has exited. A SIGTERM not obeyed within `graceMs` becomes a SIGKILL.
   */
  stopService: (name: ServiceName, signal: 'SIGTERM' | 'SIGKILL', graceMs?: number) => Promise<ServiceExit & { pid: number }>
  /** Starts a stopped service again with the same plan; resolves when it is healthy. `state` and services.json get its new pid. */
  startService: (name: ServiceName) => Promise<ServiceRecord>
}

export interface ServiceExit { name: string, code: number | null, signal: NodeJS.Signals | null }

interface Started { plan: ServicePlan, child: ChildProcess, record: ServiceRecord, stopping: boolean }

export async function startStack (options: StackOptions, settings: StartSettings): Promise<RunningStack> {
  const runDir = settings.runDir ?? runDirPath()
  await refuseIfRunning(runDir)
  const logDir = join(runDir, 'logs')
  await ensurePrivateDir(runDir)
  await ensurePrivateDir(logDir)
  const profilingToken = options.env === 'production' && options.profiling ? randomBytes(24).toString('hex') : undefined
  const launchSettings: LaunchSettings = { logDir, env: serviceEnv(profilingToken), detach: settings.detach, readyTimeoutMs: options.readyTimeoutMs, onLog: settings.onLog, onInfo: settings.onInfo }

  const started: Started[] = []
  const stopAll = async (): Promise<void> => {
    for (const s of [...started].reverse()) {
      s.stopping = true
      if (s.child.pid !== undefined) await terminate(s.child.pid)
    }
  }
  let onOwnExit: (exit: ServiceExit) => void = () => {}
  const exited = new Promise<ServiceExit>((resolve) => { onOwnExit = resolve })
  const watch = (s: Started): void => {
    s.child.once('exit', (code, signal) => { if (!s.stopping) onOwnExit({ name: s.plan.name, code, signal }) })
  }
  try {
    const plans = planStack(options)
    await assertPortsFree(options.host, plans)
    for (const plan of plans) started.push(await launchService(plan, launchSettings))
  } catch (err) {
    await stopAll()
    throw err
  }

  const state: RunState = {
    env: options.env,
    startedAt: new Date().toISOString(),
    ...(profilingToken === undefined ? {} : { profilingToken }),
    detached: settings.detach,
    options,
    services: started.map((s) => s.record)
  }
  await writeRunState(state, runDir)
  if (settings.detach) for (const { child } of started) child.unref()
  for (const s of started) watch(s)

  const entryOf = (name: ServiceName): Started => {
    const s = started.find((x) => x.plan.name === name)
    if (s === undefined) throw new ServiceExitedError(name, 'not part of this stack', '')
    return s
  }
  return {
    state,
    exited,
    async stop () {
      await stopAll()
      await rm(join(runDir, 'services.json'), { force: true })
    },
    killNow () {
      for (const s of started) {
        s.stopping = true
        if (s.child.exitCode === null && s.child.signalCode === null) {
          try { process.kill(s.record.pid, 'SIGKILL') } catch { /* already gone */ }
        }
      }
      rmSync(join(runDir, 'services.json'), { force: true })
    },
    async stopService (name, signal, graceMs = 15_000) {
      const s = entryOf(name)
      s.stopping = true
      const pid = s.record.pid
      const exit = new Promise<ServiceExit>((resolve) => {
        if (s.child.exitCode !== null || s.child.signalCode !== null) resolve({ name, code: s.child.exitCode, signal: s.child.signalCode })
        else s.child.once('exit', (code, sig) => { resolve({ name, code, signal: sig }) })
      })
      try { process.kill(pid, signal) } catch { /* already gone: the exit event has fired or will */ }
      // Also keeps the event loop alive while we wait: detached children are unref'd.
      const timer = setTimeout(() => { try { process.kill(pid, 'SIGKILL') } catch { /* gone */ } }, signal === 'SIGTERM' ? graceMs : 2 ** 31 - 1)
      try {
        return { ...await exit, pid }
      } finally {
        clearTimeout(timer)
      }
    },
    async startService (name) {
      const s = entryOf(name)
      if (s.child.exitCode === null && s.child.signalCode === null) throw new AlreadyRunningError(name, runDir)
      const next = await launchService(s.plan, launchSettings)
      if (settings.detach) next.child.unref()
      started[started.indexOf(s)] = next
      watch(next)
      state.services = started.map((x) => x.record)
      await writeRunState(state, runDir)
      return next.record
    }
  }
}

function serviceEnv (profilingToken: string | undefined): NodeJS.ProcessEnv {
  return { ...process.env, ...(profilingToken === undefined ? {} : { MIB_PROFILING_TOKEN: profilingToken }) }
}

interface LaunchSettings {
  logDir: string
  env: NodeJS.ProcessEnv
  detach: boolean
  readyTimeoutMs: number
  onLog?: ((line: string) => void) | undefined
  onInfo?: ((line: string) => void) | undefined
}

/** Spawns one service and resolves once it is healthy; a child that exits or stays unhealthy is an error (with its log's tail). */
async function launchService (plan: ServicePlan, settings: LaunchSettings): Promise<Started> {
  const logFile = join(settings.logDir, `${plan.name}.log`)
  const child = spawnService(plan, { env: { ...settings.env, ...plan.env }, detach: settings.detach, logFile, onLog: settings.onLog })
  if (child.pid === undefined) throw new ServiceExitedError(plan.name, 'spawn failed', '')
  const entry: Started = { plan, child, record: { ...plan.record, pid: child.pid, ...(settings.detach ? { logFile } : {}) }, stopping: false }
  const health = await waitHealthy(plan.name, plan.record.healthUrl, settings.readyTimeoutMs, () => child.exitCode === null && child.signalCode === null)
  // A healthy answer from a child that has exited came from someone else on that port.
  if (!health.healthy || child.exitCode !== null || child.signalCode !== null) {
    if (child.exitCode === null && child.signalCode === null) await terminate(child.pid)
    const why = child.exitCode !== null || child.signalCode !== null ? `exit ${child.exitCode ?? child.signalCode}` : `not healthy after ${settings.readyTimeoutMs} ms: ${health.error ?? `status ${health.statusCode}`}`
    throw new ServiceExitedError(plan.name, why, settings.detach ? await tail(logFile) : '')
  }
  settings.onInfo?.(`${plan.name} ready: ${Object.values(plan.record.urls).join(' ')} (pid ${child.pid})`)
  return entry
}

export interface RestartOutcome {
  name: ServiceName
  /** The pid recorded before, and what became of it: stopped ('exited', or 'killed' after the grace period), or already gone ('absent'). */
  previous: { pid: number, outcome: 'exited' | 'killed' | 'absent' }
  record: ServiceRecord
}

/**
 * `mib restart <service>`: stops the recorded process of one service of a
 * detached stack (only if it is still ours; SIGTERM, it drains), starts it
 * again with the plan the stack was started with, and records the new pid, so
 * that `mib stop` and `mib status` keep knowing it.
 */
export async function restartService (name: ServiceName, runDir = runDirPath()): Promise<RestartOutcome> {
  const state = await readRunState(runDir)
  const recorded = state.services.find((s) => s.name === name)
  if (recorded === undefined) throw new ServiceExitedError(name, 'not part of the recorded stack', '')
  if (state.detached !== true || state.options === undefined) throw new NotRestartableError(name, runDir)
  const options = parseOptions(stackOptionsSchema, state.options, `stack options recorded in ${runDir}`)
  const plan = planStack(options).find((p) => p.name === name)
  if (plan === undefined) throw new ServiceExitedError(name, 'not part of the recorded stack', '')
  const outcome = await isOurService(recorded.pid, name) ? await terminate(recorded.pid) : 'absent'
  await assertPortsFree(options.host, [plan])
  const started = await launchService(plan, { logDir: join(runDir, 'logs'), env: serviceEnv(state.profilingToken), detach: true, readyTimeoutMs: options.readyTimeoutMs })
  started.child.unref()
  // Re-read: another service may have been restarted meanwhile.
  const latest = await readRunState(runDir)
  latest.services = latest.services.map((s) => s.name === name ? started.record : s)
  await writeRunState(latest, runDir)
  return { name, previous: { pid: recorded.pid, outcome }, record: started.record }
}

/** Stops the services recorded in the run directory: only those still ours, by pid. */
export async function stopStack (runDir = runDirPath()): Promise<Array<{ name: string, pid: number, outcome: string }>> {
  const state = await readRunState(runDir)
  const outcomes: Array<{ name: string, pid: number, outcome: string }> = []
  for (const service of [...state.services].reverse()) {
    const ours = await isOurService(service.pid, service.name)
    const outcome = ours ? await terminate(service.pid) : 'absent'
    outcomes.push({ name: service.name, pid: service.pid, outcome })
  }
  await rm(join(runDir, 'services.json'), { force: true })
  return outcomes
}

/** Fails fast, naming the port, when something else already listens where a service would. */
async function assertPortsFree (host: string, plans: ServicePlan[]): Promise<void> {
  for (const plan of plans) {
    for (const port of plan.ports) {
      if (!await portFree(host, port)) throw new PortInUseError(plan.name, host, port)
    }
  }
}

async function portFree (host: string, port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => { resolve(false) })
    server.listen(port, host, () => { server.close(() => { resolve(true) }) })
  })
}

async function refuseIfRunning (runDir: string): Promise<void> {
  let state: RunState
  try { state = await readRunState(runDir) } catch { return }
  const alive = []
  for (const s of state.services) if (isAlive(s.pid) && await isOurService(s.pid, s.name)) alive.push(s.name)
  if (alive.length > 0) throw new AlreadyRunningError(alive.join(', '), runDir)
}

interface SpawnSettings {
  env: NodeJS.ProcessEnv
  detach: boolean
  logFile: string
  onLog?: ((line: string) => void) | undefined
}

function spawnService (plan: ServicePlan, s: SpawnSettings): ChildProcess {
  if (s.detach) {
    // The child writes to the log file through its own descriptor, so logging
    // goes on after this process exits (a pipe through us would die with us).
    const fd = openSync(s.logFile, 'a', PRIVATE_FILE_MODE)
    try {
      return spawn(process.execPath, [MIB_BIN, ...plan.args], { env: s.env, detached: true, stdio: ['ignore', fd, fd] })
    } finally {
      closeSync(fd)
    }
  }
  // Its own process group: a terminal's Ctrl-C reaches only the supervisor, which stops the
  // services one by one (a service signalled twice, by the terminal and then by us, would exit at once).
  const child = spawn(process.execPath, [MIB_BIN, ...plan.args], { env: s.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  for (const stream of [child.stdout, child.stderr]) {
    if (stream === null) continue
    createInterface({ input: stream }).on('line', (line) => s.onLog?.(`[${plan.name}] ${line}`))
  }
  return child
}

async function tail (file: string, lines = 20): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n')
  } catch {
    return ''
  }
}
