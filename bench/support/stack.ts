/**
 * The real stack for `bench:load-peak`, compiled: provider-sim, engine and
 * gateway, each its own process, started as `mib start` does (the same
 * `planStack` arguments, production mode, each once its upstream is healthy)
 * but on free loopback ports and from a fresh compiled build, and stopped by
 * pid. Not `startStack` itself: it spawns bin/mib.js, which runs dist/ when it
 * exists — possibly older than the sources.
 *
 * The build goes to node_modules/.cache/mib-bench-load-peak/dist (packages
 * resolve from there; dist/ is left alone), with a `proto` link beside it:
 * the engine and gateway find proto/core_engine.proto four levels above their
 * contract module, as they do from dist/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { planStack, stackOptionsSchema, type ServicePlan } from '../../src/workflow/stack/plan.js'
import { waitHealthy } from '../../src/workflow/stack/health.js'
import { terminate } from '../../src/workflow/stack/processes.js'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const BUILD_HOME = join(ROOT, 'node_modules', '.cache', 'mib-bench-load-peak')
const BUILD_DIR = join(BUILD_HOME, 'dist')
const STAMP = join(BUILD_HOME, 'built-at')
export const COMPILED_CLI = join(BUILD_DIR, 'cli', 'main.js')

/** Newest mtime (ms) of the sources the build reads. */
function newestSource (): number {
  let newest = Math.max(statSync(join(ROOT, 'tsconfig.json')).mtimeMs, statSync(join(ROOT, 'tsconfig.build.json')).mtimeMs)
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs)
    }
  }
  walk(join(ROOT, 'src'))
  return newest
}

/** Compiles the CLI unless a build newer than every source exists (or always, with `force`). Returns whether it built. */
export function buildCompiledCli (force: boolean): boolean {
  const builtAt = existsSync(STAMP) && existsSync(COMPILED_CLI) ? statSync(STAMP).mtimeMs : -Infinity
  if (!force && builtAt > newestSource()) return false
  mkdirSync(BUILD_HOME, { recursive: true })
  if (!existsSync(join(BUILD_HOME, 'proto'))) symlinkSync(join(ROOT, 'proto'), join(BUILD_HOME, 'proto'))
  const started = Date.now()
  // tsc emits even when some file has type errors (someone mid-change); only a missing CLI is fatal.
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', BUILD_DIR], { encoding: 'utf8' })
  if (!existsSync(COMPILED_CLI)) throw new Error(`could not compile the CLI into ${BUILD_DIR}:\n${tsc.stdout}`)
  // The stamp is the build's start: a source saved during the build makes the next run rebuild.
  writeFileSync(STAMP, new Date(started).toISOString())
  utimesSync(STAMP, started / 1000, started / 1000)
  if (tsc.status !== 0) console.error(`# tsc reported type errors (the build was emitted anyway):\n${tsc.stdout.split('\n').slice(0, 10).join('\n')}`)
  return true
}

async function freePort (): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => { typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port')) })
    })
  })
}

export interface Service { name: string, pid: number, child: ChildProcess }
export interface Stack { gatewayUrl: string, services: Service[], plans: ServicePlan[] }

/**
 * Where the stack listens: free ports by default; `basePort` takes seven
 * consecutive ports from it instead (gateway, engine gRPC, engine admin,
 * provider, then the three profiling listeners), for a machine where each
 * user has a port block. `profilingToken` exposes profiling on the production
 * admin listeners with that bearer token.
 */
export interface StackLayout { basePort?: number, profilingToken?: string }

/**
 * Starts provider-sim, engine, gateway in order; `started` receives each
 * process as soon as it is spawned, so that the caller can stop it even if a
 * later step fails. Logs go to `<logDir>/<name>.log`.
 */
export async function startServices (logDir: string, started: Service[], readyTimeoutMs = 60_000, layout: StackLayout = {}): Promise<Stack> {
  const ports = layout.basePort === undefined
    ? [await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort()]
    : [0, 1, 2, 3, 4, 5, 6].map((i) => (layout.basePort as number) + i)
  const [gatewayPort, engineGrpcPort, engineAdminPort, providerPort, gatewayProfilingPort, engineProfilingPort, providerProfilingPort] = ports
  const profiling = layout.profilingToken !== undefined
  const plans = planStack(stackOptionsSchema.parse({
    env: 'production', host: '127.0.0.1', gatewayPort, engineGrpcPort, engineAdminPort, providerPort, readyTimeoutMs,
    profiling, gatewayProfilingPort, engineProfilingPort, providerProfilingPort
  }))
  const tokenEnv: Record<string, string> = profiling ? { MIB_PROFILING_TOKEN: layout.profilingToken as string } : {}
  for (const plan of plans) {
    const fd = openSync(join(logDir, `${plan.name}.log`), 'a')
    let child: ChildProcess
    try {
      child = spawn(process.execPath, [COMPILED_CLI, ...plan.args], { cwd: ROOT, env: { ...process.env, ...tokenEnv, ...plan.env }, stdio: ['ignore', fd, fd] })
    } finally {
      closeSync(fd)
    }
    if (child.pid === undefined) throw new Error(`${plan.name}: spawn failed`)
    started.push({ name: plan.name, pid: child.pid, child })
    const alive = (): boolean => child.exitCode === null && child.signalCode === null
    const health = await waitHealthy(plan.name, plan.record.healthUrl, readyTimeoutMs, alive)
    if (!health.healthy || !alive()) throw new Error(`${plan.name} did not become healthy (${alive() ? health.error ?? `status ${health.statusCode}` : `exit ${child.exitCode ?? child.signalCode}`}); log: ${join(logDir, `${plan.name}.log`)}`)
  }
  const gateway = plans.find((p) => p.name === 'gateway')
  return { gatewayUrl: gateway?.record.urls.http ?? `http://127.0.0.1:${gatewayPort}`, services: started, plans }
}

/** Stops what was started, last first, by pid (SIGTERM, SIGKILL after the grace). */
export async function stopServices (started: Service[]): Promise<void> {
  for (const s of [...started].reverse()) {
    if (s.child.exitCode === null && s.child.signalCode === null) await terminate(s.pid)
  }
}

/**
 * Ctrl-C or SIGTERM during a benchmark: kill the runner (`runner()` is the one
 * running, if any), stop the services, remove the run directory unless kept,
 * exit 130. Returns whether a signal arrived (then the caller reports nothing).
 */
export function stopOnSignal (started: Service[], runner: () => ChildProcess | undefined, dir: string, keepResults: boolean): { stopping: () => boolean } {
  let stopping = false
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return
    stopping = true
    console.error(`# ${signal}: stopping the runner and the services`)
    const child = runner()
    if (child?.pid !== undefined && child.exitCode === null) child.kill('SIGKILL')
    void stopServices(started)
      .then(async () => { if (!keepResults) await rm(dir, { recursive: true, force: true }) })
      .finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  return { stopping: () => stopping }
}
