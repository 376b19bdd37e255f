import { availableParallelism } from 'node:os'
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { getHeapStatistics } from 'node:v8'
import type { Logger } from '../logger.js'
import { currentSamplers, type GcKindStats } from './samplers.js'

/** libuv's default thread pool (fs, dns.lookup, zlib, crypto) when UV_THREADPOOL_SIZE is unset. */
const UV_DEFAULT_THREADPOOL_SIZE = 4

/**
 * The runtime's parallelism, Node's GOMAXPROCS: one JavaScript thread, a
 * libuv pool for blocking work, and V8's background threads (GC, compiler).
 */
export interface RuntimeParallelism {
  /** CPUs this process may use (os.availableParallelism: honours affinity masks). */
  cpus: number
  /** JavaScript runs on one thread per isolate: this is the event loop. */
  jsThreads: 1
  uvThreadpoolSize: number
  /** V8 platform worker threads (--v8-pool-size; 0 or unset = Node picks from the CPU count). */
  v8PoolSize: number | 'auto'
  /** OS threads of the whole process right now (Linux /proc/self/status), incl. worker_threads. */
  osThreads?: number
}

export function runtimeParallelism (): RuntimeParallelism {
  const osThreads = readOsThreadCount()
  return {
    cpus: availableParallelism(),
    jsThreads: 1,
    uvThreadpoolSize: uvThreadpoolSize(),
    v8PoolSize: v8PoolSize(),
    ...(osThreads === undefined ? {} : { osThreads })
  }
}

function uvThreadpoolSize (): number {
  const n = Number(process.env.UV_THREADPOOL_SIZE)
  // libuv clamps to [1, 1024] and ignores garbage.
  return Number.isInteger(n) && n > 0 ? Math.min(n, 1024) : UV_DEFAULT_THREADPOOL_SIZE
}

function v8PoolSize (): number | 'auto' {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
  for (const flag of flags) {
    const match = /^--v8-pool-size=(\d+)$/.exec(flag)
    if (match?.[1] !== undefined && Number(match[1]) > 0) return Number(match[1])
  }
  return 'auto'
}

function readOsThreadCount (): number | undefined {
  if (process.platform !== 'linux') return undefined
  try {
    const match = /^Threads:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    return match?.[1] === undefined ? undefined : Number(match[1])
  } catch {
    return undefined // not fatal: the count is informative only, and /proc may be masked in a sandbox
  }
}

/** Logs the parallelism once at start-up, as Go services log GOMAXPROCS. */
export function logRuntimeParallelism (logger: Logger): void {
  logger.info({ parallelism: runtimeParallelism(), node: process.version }, 'runtime parallelism')
}

export interface RuntimeReport {
  pid: number
  node: string
  v8: string
  platform: string
  arch: string
  uptimeS: number
  execPath: string
  /** Node/V8 flags this process was started with (execArgv and NODE_OPTIONS). */
  execArgv: string[]
  nodeOptions: string
  parallelism: RuntimeParallelism
  memory: NodeJS.MemoryUsage
  heap: { totalHeapSizeBytes: number, usedHeapSizeBytes: number, heapSizeLimitBytes: number, mallocedMemoryBytes: number, externalMemoryBytes: number, nativeContexts: number, detachedContexts: number }
  /** GC pauses observed since profiling was mounted, by kind (minor = scavenge, major = mark-compact). */
  gc: Record<string, GcKindStats>
  eventLoopUtilization: number
  resourceUsage: NodeJS.ResourceUsage
}

export function runtimeReport (): RuntimeReport {
  const h = getHeapStatistics()
  const samplers = currentSamplers()
  const gc = samplers === undefined ? {} : Object.fromEntries([...samplers.gc].map(([k, v]) => [k, { ...v, totalMs: round3(v.totalMs), maxMs: round3(v.maxMs) }]))
  return {
    pid: process.pid,
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    uptimeS: round3(process.uptime()),
    execPath: process.execPath,
    execArgv: process.execArgv,
    nodeOptions: process.env.NODE_OPTIONS ?? '',
    parallelism: runtimeParallelism(),
    memory: process.memoryUsage(),
    heap: {
      totalHeapSizeBytes: h.total_heap_size,
      usedHeapSizeBytes: h.used_heap_size,
      heapSizeLimitBytes: h.heap_size_limit,
      mallocedMemoryBytes: h.malloced_memory,
      externalMemoryBytes: h.external_memory,
      nativeContexts: h.number_of_native_contexts,
      detachedContexts: h.number_of_detached_contexts
    },
    gc,
    eventLoopUtilization: round3(performance.eventLoopUtilization().utilization),
    resourceUsage: process.resourceUsage()
  }
}

/** Go's /debug/pprof/cmdline: the arguments separated by NUL bytes. */
export function commandLine (): string {
  return [process.execPath, ...process.execArgv, ...process.argv.slice(1)].join('\0')
}

function round3 (n: number): number {
  return Math.round(n * 1000) / 1000
}
