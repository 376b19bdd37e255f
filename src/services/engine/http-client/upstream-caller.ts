/**
 * The resilient way to call an HTTP source: every attempt goes through the
 * source's circuit breaker, retryable failures (connect errors, 429 within the
 * Retry-After cap, 5xx) are retried with backoff, and non-2xx answers become
 * the engine's errors. Timeouts are not retried: the attempt already spent the
 * caller's latency budget, and a slow upstream gets slower under retries.
 */
import type { RetryPolicy } from '../config.js'
import { UpstreamAuthError, UpstreamFailedError, UpstreamRateLimitedError, UpstreamUnavailableError, withDetails } from '../errors.js'
import type { CircuitBreaker } from './circuit-breaker.js'
import { RetryableFailure, parseRetryAfterMs, withRetry } from './retry.js'
import { UpstreamClient, type UpstreamResponse } from './upstream-client.js'

export type AttemptOutcome = 'success' | 'http_4xx' | 'http_429' | 'http_5xx' | 'timeout' | 'connect_error' | 'malformed' | 'circuit_open' | 'cancelled'

/** Where the caller reports what happened (metrics and stats); kept abstract so this layer knows no Prometheus. */
export interface UpstreamObserver {
  attempt: (sourceId: string, outcome: AttemptOutcome, durationS: number) => void
  retry: (sourceId: string) => void
  /** A call failed for good (after retries); cancelled calls are not reported. */
  failed: (sourceId: string, error: Error) => void
}

/** Pulls the provider's own error text out of an error body (each provider has its shape). */
export type DescribeError = (body: unknown) => string

export interface GetRequest {
  path: string
  query: Record<string, string>
  headers?: Record<string, string>
  signal?: AbortSignal | undefined
}

export class UpstreamCaller {
  readonly client: UpstreamClient
  readonly breaker: CircuitBreaker
  readonly #policy: RetryPolicy
  readonly #observer: UpstreamObserver
  readonly #describe: DescribeError

  constructor (client: UpstreamClient, breaker: CircuitBreaker, policy: RetryPolicy, observer: UpstreamObserver, describe: DescribeError) {
    this.client = client
    this.breaker = breaker
    this.#policy = policy
    this.#observer = observer
    this.#describe = describe
  }

  get sourceId (): string { return this.client.sourceId }

  /** The 2xx JSON body, or throws the engine error for the failure. Only for idempotent GETs. */
  async getJson (request: GetRequest): Promise<unknown> {
    try {
      return await withRetry(async () => await this.#attempt(request), this.#policy, {
        signal: request.signal,
        onRetry: () => this.#observer.retry(this.sourceId)
      })
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err))
      if (UpstreamClient.failureKind(error) !== 'cancelled' && error.name !== 'AbortError') this.#observer.failed(this.sourceId, error)
      throw error
    }
  }

  async #attempt (request: GetRequest): Promise<unknown> {
    let permit: number
    try {
      permit = this.breaker.acquire()
    } catch (err) {
      this.#observer.attempt(this.sourceId, 'circuit_open', 0)
      throw err
    }
    const started = performance.now()
    const elapsedS = (): number => (performance.now() - started) / 1000
    let res: UpstreamResponse
    try {
      res = await this.client.getJson(request.path, request.query, request.headers ?? {}, request.signal)
    } catch (err) {
      const kind = UpstreamClient.failureKind(err) ?? 'connect_error'
      if (kind === 'cancelled') this.breaker.cancel(permit)
      else this.breaker.failure(permit)
      this.#observer.attempt(this.sourceId, kind, elapsedS())
      throw kind === 'connect_error' ? new RetryableFailure(err as Error) : err
    }
    const outcome = outcomeOf(res.status)
    if (outcome === 'http_429' || outcome === 'http_5xx') this.breaker.failure(permit)
    else this.breaker.success(permit)
    this.#observer.attempt(this.sourceId, outcome, elapsedS())
    if (outcome === 'success') return res.body
    const error = this.#errorFor(res)
    if (outcome === 'http_429') throw new RetryableFailure(error, parseRetryAfterMs(res.headers['retry-after']))
    if (outcome === 'http_5xx') throw new RetryableFailure(error)
    throw error
  }

  #errorFor (res: UpstreamResponse): Error {
    const detail = `status ${res.status}: ${this.#describe(res.body)}`
    if (res.status === 401 || res.status === 403) return new UpstreamAuthError(this.sourceId, detail)
    if (res.status === 429) {
      const retryAfterMs = parseRetryAfterMs(res.headers['retry-after'])
      const error = new UpstreamRateLimitedError(this.sourceId, retryAfterMs)
      return retryAfterMs === undefined ? error : withDetails(error, { retryAfterS: Math.ceil(retryAfterMs / 1000) })
    }
    // Any 5xx is the provider failing for now, not our request being wrong: the client is told to
    // come back (503 + Retry-After). A 4xx other than auth and 429 is a request the provider
    // will not take however often it is sent: a 502.
    if (res.status >= 500) return new UpstreamUnavailableError(this.sourceId, detail)
    return new UpstreamFailedError(this.sourceId, detail)
  }
}

function outcomeOf (status: number): AttemptOutcome {
  if (status >= 200 && status <= 299) return 'success'
  if (status === 429) return 'http_429'
  if (status >= 500) return 'http_5xx'
  return 'http_4xx'
}
