import { getHeapSnapshot } from 'node:v8'
import type { Readable } from 'node:stream'
import { acquireExclusive } from './exclusive.js'
import { ProfilerUnavailableError } from './errors.js'
import type { SourceMapper } from '@datadog/pprof'
import { currentSamplers, pprof } from './samplers.js'
import { profilerOwnPath } from './source-maps.js'

/**
 * What Node's sampling heap profiler can show, written into /allocs profiles
 * (go tool pprof -comments prints it) because the view differs from Go's.
 */
export const ALLOCS_NOTE = 'Node.js (V8) sampling heap profiler: samples are kept only while the sampled object ' +
  'is alive, so this is the same live-at-collection view as /heap (inuse_*), not Go\'s cumulative alloc_* counts ' +
  'since start; short-lived garbage does not appear. Compare two /heap profiles over time to see growth.'

/**
 * The sampled live heap as gzipped pprof (sample types inuse_objects/count
 * and inuse_space/bytes). `note` is added as a profile comment.
 */
export async function collectHeapProfile (options: { note?: string, sourceMapper?: SourceMapper } = {}): Promise<Buffer> {
  if (currentSamplers() === undefined) throw new ProfilerUnavailableError('the heap profiler', 'not started (profiling is not mounted)')
  const { heap, encode } = pprof()
  const profile = heap.profile(profilerOwnPath(), options.sourceMapper)
  if (options.note !== undefined) profile.comment.push(profile.stringTable.dedup(options.note))
  return await encode(profile)
}

/**
 * A V8 heap snapshot (Chrome DevTools' .heapsnapshot JSON) as a stream. V8
 * stops the world while it walks the heap, so the process does not answer
 * anything for that time (seconds for a large heap). One at a time per process.
 */
export function streamHeapSnapshot (): Readable {
  const release = acquireExclusive('heap snapshot')
  try {
    const stream = getHeapSnapshot()
    stream.once('close', release)
    stream.once('end', release)
    stream.once('error', release)
    return stream
  } catch (err) {
    release()
    throw err
  }
}
