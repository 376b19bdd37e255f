/** What `mib profile` can collect (one /debug/pprof endpoint each). A leaf module: the CLI lists them without loading the collector. */
export const PROFILE_KINDS = ['cpu', 'heap', 'allocs', 'goroutine', 'trace', 'heapsnapshot', 'block', 'runtime'] as const
