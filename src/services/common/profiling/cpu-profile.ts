import type { SourceMapper } from '@datadog/pprof'
import { profileWindow } from './cpu-profiler.js'
import { acquireExclusive } from './exclusive.js'
import { pprof } from './samplers.js'
import { waitWindow } from './wait-window.js'

export interface CpuProfileRequest {
  durationMs: number
  /** Sampling rate; 100 Hz as Go's default: ~1% overhead, enough samples in 30 s. */
  hz: number
  /** Ends the profile early (client gone, server closing); the partial profile is still returned. */
  signal: AbortSignal
  /** Maps compiled positions back to TypeScript sources (compiled builds only). */
  sourceMapper?: SourceMapper
}

/**
 * Samples the JavaScript stacks for the window and returns the gzipped pprof
 * protobuf. @datadog/pprof's "wall" profiler drops idle samples, so the
 * profile shows where the thread was busy: JS, GC ("Garbage Collection") and
 * native work ("Node.js"). One at a time per process (the V8 profiler is global).
 */
export async function collectCpuProfile (req: CpuProfileRequest): Promise<Buffer> {
  const release = acquireExclusive('CPU profile')
  try {
    // waitWindow never rejects, so the profiler is always stopped.
    const profile = await profileWindow(req.hz, req.durationMs, req.sourceMapper, async () => await waitWindow(req.durationMs, req.signal))
    return await pprof().encode(profile)
  } finally {
    release()
  }
}
