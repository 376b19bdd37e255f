/**
 * Profiling endpoints (/debug/pprof/*) for every service, after Go's
 * net/http/pprof, with Node's equivalents (see docs/profiling.md).
 *
 * - mode `main`: the routes go on the service's own HTTP app (development default).
 * - mode `admin`: a separate listener on 127.0.0.1:adminPort that requires
 *   `Authorization: Bearer <token>` (production, when enabled with --profiling).
 * - mode `off`: nothing is mounted; /debug paths are 404 like any unknown route.
 */
import { chmod, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Logger } from '../logger.js'
import { parseOptions } from '../../../options.js'
import { ensurePrivateDir, PRIVATE_FILE_MODE, runDirPath } from '../../../run-dir.js'
import { createAdminApp, generateToken } from './admin-listener.js'
import { DEFAULT_HEAP_INTERVAL_BYTES, isLoopbackHost, profilingSchema, type ProfilingOptions } from './options.js'
import { PPROF_PREFIX, registerProfilingRoutes } from './routes.js'
import { logRuntimeParallelism } from './runtime-info.js'
import { acquireSamplers } from './samplers.js'
import { acquireWarmCpuProfiler } from './cpu-profiler.js'
import { DEFAULT_CPU_HZ } from './catalogue.js'
import { sourceMapper } from './source-maps.js'

export { DEFAULT_PROFILING_PORTS, defaultProfiling, isLoopbackHost, profilingSchema, type ProfilingOptions, type ProfiledService } from './options.js'
export { logRuntimeParallelism, runtimeParallelism, type RuntimeParallelism } from './runtime-info.js'
export { ENDPOINTS } from './catalogue.js'
export * from './errors.js'

export interface ProfilingHandle {
  mode: ProfilingOptions['mode']
  /**
   * Base URLs of the profiling index, e.g. `http://127.0.0.1:6060/debug/pprof/`.
   * In mode `main` they are known once the app listens (read it after `listen()`).
   */
  readonly urls: string[]
  /** The admin listener's bearer token (mode `admin` only). */
  token?: string
  /** Ends profiles in progress early and closes the admin listener; idempotent. */
  close(): Promise<void>
}

let parallelismLogged = false

/**
 * Mounts the profiling routes per `options.mode`. Call it before `app.listen()`.
 * Also logs the runtime's parallelism once per process (Node's GOMAXPROCS line)
 * and the profiling URL(s) when they are known.
 */
export async function mountProfiling (
  app: FastifyInstance,
  options: ProfilingOptions,
  context: { service: string, logger: Logger, host?: string }
): Promise<ProfilingHandle> {
  const logger = context.logger.child({ component: 'profiling' })
  const settings = onlyLoopbackUnauthenticated(parseOptions(profilingSchema, options, 'profiling options'), context.host, logger)
  if (!parallelismLogged) {
    parallelismLogged = true
    logRuntimeParallelism(logger)
  }
  if (settings.mode === 'off') {
    logger.info('profiling endpoints off (enable with --profiling or MIB_PROFILING=1: token-protected loopback listener)')
    return { mode: 'off', urls: [], async close () {} }
  }
  const releaseHeapAndLoop = acquireSamplers(settings.heapIntervalBytes ?? DEFAULT_HEAP_INTERVAL_BYTES)
  // Warm now, while the heap is small: starting V8's profiler later, under load, stalls the service.
  const releaseCpu = acquireWarmCpuProfiler(DEFAULT_CPU_HZ, sourceMapper(logger))
  const releaseSamplers = (): void => { releaseCpu(); releaseHeapAndLoop() }
  const closing = new AbortController()
  try {
    return settings.mode === 'main'
      ? mountOnMainApp(app, { service: context.service, logger, closing, releaseSamplers })
      : await mountOnAdminListener(app, settings, { service: context.service, logger, closing, releaseSamplers })
  } catch (err) {
    closing.abort()
    releaseSamplers()
    throw err
  }
}

/**
 * Mode `main` serves every profile (heap snapshots included, which hold the
 * configured API keys) without authentication: only to loopback. An app that
 * will listen on any other address gets the token-protected loopback admin
 * listener instead (issue 11).
 */
function onlyLoopbackUnauthenticated (options: ProfilingOptions, host: string | undefined, logger: Logger): ProfilingOptions {
  if (options.mode !== 'main' || host === undefined || isLoopbackHost(host)) return options
  logger.warn({ host }, 'not serving unauthenticated profiling on a non-loopback address: using the token-protected loopback admin listener')
  return { ...options, mode: 'admin' }
}

interface MountState { service: string, logger: Logger, closing: AbortController, releaseSamplers: () => void }

function mountOnMainApp (app: FastifyInstance, mount: MountState): ProfilingHandle {
  registerProfilingRoutes(app, { service: mount.service, logger: mount.logger, closing: mount.closing.signal })
  const close = async (): Promise<void> => {
    mount.closing.abort()
    mount.releaseSamplers()
  }
  // Profiles in progress must not hold up a graceful shutdown.
  app.addHook('preClose', async () => { mount.closing.abort() })
  app.addHook('onClose', close)
  app.addHook('onListen', async () => {
    mount.logger.info({ profilingUrls: profilingUrls(app) }, 'profiling endpoints on the main port (development)')
  })
  return {
    mode: 'main',
    get urls () { return profilingUrls(app) },
    close
  }
}

async function mountOnAdminListener (app: FastifyInstance, options: ProfilingOptions, mount: MountState): Promise<ProfilingHandle> {
  const host = options.adminHost ?? '127.0.0.1'
  const token = options.token ?? generateToken()
  const admin = createAdminApp(host, token, mount.logger)
  registerProfilingRoutes(admin, { service: mount.service, logger: mount.logger, closing: mount.closing.signal })
  await admin.listen({ host, port: options.adminPort })
  const urls = profilingUrls(admin)
  let closed: Promise<void> | undefined
  const close = async (): Promise<void> => {
    closed ??= (async () => {
      mount.closing.abort()
      try {
        await admin.close()
      } finally {
        mount.releaseSamplers()
      }
    })()
    await closed
  }
  // The admin listener lives and dies with the service's app.
  app.addHook('onClose', close)
  mount.logger.info({ profilingUrls: urls, tokenSource: options.token === undefined ? 'generated' : 'configured' },
    'profiling admin listener on loopback (requires Authorization: Bearer <token>)')
  if (options.token === undefined) {
    // Never the token itself in a log (logs are shipped and shared): where to read it.
    const tokenFile = await writeGeneratedToken(mount.service, token)
    mount.logger.warn({ tokenFile }, 'generated a profiling token, readable by this user only in tokenFile (set MIB_PROFILING_TOKEN to choose one)')
  }
  return { mode: 'admin', urls, token, close }
}

/** `<run dir>/profiling-token-<service>`, mode 0600 in a 0700 directory; returns its path. */
async function writeGeneratedToken (service: string, token: string): Promise<string> {
  const dir = runDirPath()
  await ensurePrivateDir(dir)
  const file = join(dir, `profiling-token-${service}`)
  await writeFile(file, `${token}\n`, { mode: PRIVATE_FILE_MODE })
  await chmod(file, PRIVATE_FILE_MODE)
  return file
}

/** The /debug/pprof/ URL of every address `app` listens on (empty before listen). */
export function profilingUrls (app: FastifyInstance): string[] {
  if (!app.server.listening) return []
  return app.addresses().filter((a): a is AddressInfo => typeof a !== 'string').map((a) => `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}${PPROF_PREFIX}`)
}
