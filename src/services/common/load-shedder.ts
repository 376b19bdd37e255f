/**
 * Early load shedding: under overload a request is answered at once with 503
 * `MIB_ERR_HTTP_OVERLOADED` + Retry-After instead of queueing until a deadline
 * answers it anyway, a second later, after its work was paid for.
 *
 * Two signals, both read per request as one comparison (the check sits in the
 * server's request listener, before Fastify, so a shed request costs a parse
 * and a small write and the hot path pays no hook run):
 * - requests in progress: above `maxInFlight` the service is waiting on more
 *   than it can finish in time (Little's law: in flight = rate × latency);
 *   `boundedPaths` set a smaller bound per path (the engine fetches, which
 *   wait on the upstream), so one slow kind cannot take every slot;
 * - event-loop delay: when the mean delay over the last `sampleIntervalMs`
 *   exceeds `maxEventLoopDelayMs`, the process is CPU-bound and every new
 *   request would wait that long before its first line of code runs. This is
 *   what @fastify/under-pressure measures; done here for the early position
 *   and our envelope.
 * `exemptPrefixes` (the monitor's /metrics, profiling) are never shed: they
 * are how an operator sees the overload.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import { OverloadedError } from './errors.js'
import { writeErrorResponse } from './http-errors.js'
import { pathnameOf } from './url-path.js'

export type ShedReason = 'in_flight' | 'path_in_flight' | 'event_loop_delay'

export interface LoadSheddingSettings {
  /** Requests in progress at once; the next is shed. 0 = no bound. */
  maxInFlight: number
  /** Smaller bounds for some exact paths (query string ignored), counted apart. */
  boundedPaths: Readonly<Record<string, number>>
  /** Mean event-loop delay (ms) over a sample window above which requests are shed. 0 = off. */
  maxEventLoopDelayMs: number
  /** Length of that window, ms. */
  sampleIntervalMs: number
  retryAfterS: number
  exemptPrefixes: readonly string[]
  /** Called once per shed request (the service's counter). */
  onShed: (reason: ShedReason) => void
}

/** Event-loop histogram resolution: finer costs a wake-up per ms for nothing the decision needs. */
const LOOP_RESOLUTION_MS = 10

class PathBound {
  inFlight = 0
  readonly release = (): void => { this.inFlight-- }
  constructor (readonly max: number) {}
}

export class LoadShedder {
  readonly #settings: LoadSheddingSettings
  readonly #paths: Map<string, PathBound>
  readonly #histogram: IntervalHistogram | undefined
  readonly #timer: NodeJS.Timeout | undefined
  #inFlight = 0
  #loopDelayMs = 0
  #sampledAtMs = performance.now()
  // One function for every response: no closure per request.
  readonly #release = (): void => { this.#inFlight-- }

  constructor (settings: LoadSheddingSettings) {
    this.#settings = settings
    this.#paths = new Map(Object.entries(settings.boundedPaths).filter(([, max]) => max > 0).map(([path, max]) => [path, new PathBound(max)]))
    if (settings.maxEventLoopDelayMs > 0) {
      const histogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
      histogram.enable()
      this.#histogram = histogram
      this.#timer = setInterval(() => { this.#sample(histogram) }, settings.sampleIntervalMs)
      this.#timer.unref()
    }
  }

  get inFlight (): number {
    return this.#inFlight
  }

  /** The mean event-loop delay of the last window, ms (0 when not measured). */
  get loopDelayMs (): number {
    return this.#loopDelayMs
  }

  /** Admits the request (counted until its response closes) or answers it 503 and returns false. */
  admit (request: IncomingMessage, response: ServerResponse): boolean {
    const s = this.#settings
    let reason: ShedReason | undefined
    if (s.maxInFlight > 0 && this.#inFlight >= s.maxInFlight) reason = 'in_flight'
    else if (s.maxEventLoopDelayMs > 0 && this.#loopDelayMs > s.maxEventLoopDelayMs) reason = 'event_loop_delay'
    const bound = this.#paths.size === 0 ? undefined : this.#paths.get(pathnameOf(request.url))
    if (reason === undefined && bound !== undefined && bound.inFlight >= bound.max) reason = 'path_in_flight'
    if (reason !== undefined && !this.#exempt(request.url)) {
      s.onShed(reason)
      writeErrorResponse(response, new OverloadedError(s.retryAfterS), { keepAlive: true })
      return false
    }
    this.#inFlight++
    response.on('close', this.#release)
    if (bound !== undefined) {
      bound.inFlight++
      response.on('close', bound.release)
    }
    return true
  }

  close (): void {
    if (this.#timer !== undefined) clearInterval(this.#timer)
    this.#histogram?.disable()
  }

  #sample (histogram: IntervalHistogram): void {
    // The histogram records how late each 10 ms wake-up was, resolution included. After a
    // long stall it may not have recorded that wake-up yet when this timer runs first, so this
    // timer's own lateness is one more observation — averaged with the others, not their
    // maximum: one pause that has ended (a GC, a profiler start: 60-100 ms) is not overload,
    // and taking the maximum shed a whole window of healthy traffic after every such pause.
    const now = performance.now()
    const ownLateMs = Math.max(0, now - this.#sampledAtMs - this.#settings.sampleIntervalMs)
    this.#sampledAtMs = now
    const count = histogram.count
    const meanMs = count === 0 ? 0 : Math.max(0, histogram.mean / 1e6 - LOOP_RESOLUTION_MS)
    this.#loopDelayMs = (meanMs * count + ownLateMs) / (count + 1)
    histogram.reset()
  }

  #exempt (url: string | undefined): boolean {
    return this.#settings.exemptPrefixes.some((prefix) => url?.startsWith(prefix) === true)
  }
}
