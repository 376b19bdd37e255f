import { ProfilingBusyError } from './errors.js'

/**
 * Process-wide single-flight slots. The V8 CPU profiler, the inspector's
 * tracing agent and heap snapshots are per-process resources, so the slot is
 * per process, not per app: two apps in one process share it.
 */
export type ExclusiveKind = 'CPU profile' | 'heap snapshot' | 'trace'

const busy = new Set<ExclusiveKind>()

/** Takes the slot or throws ProfilingBusyError (409); the returned function frees it (idempotent). */
export function acquireExclusive (kind: ExclusiveKind): () => void {
  if (busy.has(kind)) throw new ProfilingBusyError(kind)
  busy.add(kind)
  let released = false
  return () => {
    if (released) return
    released = true
    busy.delete(kind)
  }
}

export function isExclusiveBusy (kind: ExclusiveKind): boolean {
  return busy.has(kind)
}
