/** Every /debug/pprof endpoint, described once: the index page and the docs are built from this. */
export interface EndpointInfo {
  name: string
  /** Query parameters with their defaults and bounds, as a one-liner. */
  params: string
  description: string
  /** What the response is and what opens it. */
  produces: string
  /** Shown in bold on the index: the endpoint has a cost worth knowing before clicking. */
  warning?: string
  /** The link the index page offers (relative to /debug/pprof/). */
  example: string
}

export const DEFAULT_CPU_SECONDS = 30
export const DEFAULT_CPU_HZ = 100
export const MAX_CPU_HZ = 1000
export const DEFAULT_TRACE_SECONDS = 5
export const DEFAULT_BLOCK_SECONDS = 5

export const ENDPOINTS: readonly EndpointInfo[] = [
  {
    name: 'profile',
    params: `seconds (default ${DEFAULT_CPU_SECONDS}, max 300), hz (default ${DEFAULT_CPU_HZ}, 1..${MAX_CPU_HZ})`,
    description: 'CPU profile: where the JavaScript thread spent its busy time (idle time is left out)',
    produces: 'gzipped pprof protobuf: go tool pprof, speedscope, mib profile top/flame',
    warning: 'one at a time per process',
    example: `profile?seconds=${DEFAULT_CPU_SECONDS}`
  },
  {
    name: 'heap',
    params: 'none',
    description: 'Sampled live heap: bytes and objects still alive, by allocation stack (inuse_space, inuse_objects)',
    produces: 'gzipped pprof protobuf: go tool pprof, speedscope, mib profile top/flame',
    example: 'heap'
  },
  {
    name: 'allocs',
    params: 'none',
    description: 'Same view as heap: V8 samples live objects only, there is no cumulative allocation count in Node 20',
    produces: 'gzipped pprof protobuf (the note is in the profile comments)',
    example: 'allocs'
  },
  {
    name: 'heapsnapshot',
    params: 'none',
    description: 'Full V8 heap snapshot: every object and what retains it',
    produces: '.heapsnapshot JSON: Chrome DevTools > Memory > Load',
    warning: 'pauses the whole process while V8 walks the heap (seconds for a large heap); one at a time',
    example: 'heapsnapshot'
  },
  {
    name: 'goroutine',
    params: 'debug (0 = JSON, 1 = text)',
    description: 'What keeps the event loop alive: active handles and requests by type, sockets, servers, timers',
    produces: 'JSON, or text with ?debug=1',
    example: 'goroutine?debug=1'
  },
  {
    name: 'trace',
    params: `seconds (default ${DEFAULT_TRACE_SECONDS}, max 300), categories (comma list), source (inspector|perf_hooks)`,
    description: 'Trace of the process: event-loop phases, HTTP requests, GC, V8 (async activity with categories=node.async_hooks), plus event-loop delay and heap counters',
    produces: 'Chrome trace-event JSON: ui.perfetto.dev, chrome://tracing',
    warning: 'the tracing agent costs CPU for the window (categories=node or node.async_hooks: much more); one at a time',
    example: `trace?seconds=${DEFAULT_TRACE_SECONDS}`
  },
  {
    name: 'block',
    params: `seconds (default ${DEFAULT_BLOCK_SECONDS}, max 300)`,
    description: 'Event-loop blocking: delay histogram (min/mean/p50/p90/p99/max) and utilization over the window',
    produces: 'JSON',
    example: `block?seconds=${DEFAULT_BLOCK_SECONDS}`
  },
  {
    name: 'mutex',
    params: 'none',
    description: 'Not applicable: Node has no mutex contention (answers 501 and points to block)',
    produces: 'JSON error MIB_ERR_PROFILING_NO_MUTEX',
    example: 'mutex'
  },
  {
    name: 'cmdline',
    params: 'none',
    description: 'The command line of the process, arguments separated by NUL bytes (as in Go)',
    produces: 'text',
    example: 'cmdline'
  },
  {
    name: 'runtime',
    params: 'none',
    description: 'Node and V8 versions, flags, parallelism (CPUs, UV_THREADPOOL_SIZE, threads), memory, GC stats, uptime',
    produces: 'JSON',
    example: 'runtime'
  }
]
