/**
 * The engine's health as /api/v1/health reports it, kept cheap because health is
 * polled hard (5% of load-test traffic, plus load balancers):
 * - the channel state is read on every call (no I/O): a channel in
 *   TRANSIENT_FAILURE or SHUTDOWN is unhealthy at once, whatever the cache says;
 * - one HealthCheck RPC result answers for `ttlMs`, and concurrent callers
 *   after expiry share a single RPC;
 * - a cached *healthy* answer holds only while the channel stays READY: when the
 *   engine goes away grpc-js drops the channel to IDLE (not a failure state), so
 *   leaving READY is what says "ask again now";
 * - past the TTL a healthy answer on a READY channel is still served for up to
 *   one deadline while a single refresh runs, so a busy engine shows up in
 *   `checked_at`, not as health-check latency.
 */
import { connectivityState } from '@grpc/grpc-js'
import { MibError } from '../../../errors.js'
import { EngineUnavailableError } from '../errors.js'
import type { EngineClient } from './client.js'
import { SingleFlight } from '../../common/single-flight.js'

export interface EngineHealth {
  healthy: boolean
  /** The engine's status word, or `unavailable` when it could not be asked. */
  status: string
  /** Duration of the HealthCheck RPC that produced this result. */
  latencyMs: number | null
  version: string | null
  uptimeS: number | null
  components: Record<string, boolean>
  /** Epoch ms of the check. */
  checkedAt: number
  error: MibError | null
}

export interface HealthProbeSettings {
  ttlMs: number
  deadlineMs: number
  retryAfterS: number
}

const DOWN_STATES = new Set([connectivityState.TRANSIENT_FAILURE, connectivityState.SHUTDOWN])

export class EngineHealthProbe {
  readonly #client: EngineClient
  readonly #settings: HealthProbeSettings
  readonly #refreshes = new SingleFlight<EngineHealth>()
  #last: EngineHealth | undefined

  constructor (client: EngineClient, settings: HealthProbeSettings) {
    this.#client = client
    this.#settings = settings
  }

  /** The last result while it is fresh (channel ready, younger than ttlMs), else undefined: then ask current(). */
  fresh (): EngineHealth | undefined {
    const last = this.#last
    if (last === undefined || Date.now() - last.checkedAt >= this.#settings.ttlMs) return undefined
    return this.#client.channelState() === connectivityState.READY ? last : undefined
  }

  async current (): Promise<EngineHealth> {
    const state = this.#client.channelState()
    if (DOWN_STATES.has(state)) return this.#unreachable(`gRPC channel is ${connectivityState[state]}`)
    const last = this.#last
    if (last !== undefined && (state === connectivityState.READY || !last.healthy)) {
      const ageMs = Date.now() - last.checkedAt
      if (ageMs < this.#settings.ttlMs) return last
      if (last.healthy && ageMs < this.#settings.ttlMs + this.#settings.deadlineMs) {
        void this.#refresh()
        return last
      }
    }
    return await this.#refresh()
  }

  /** One HealthCheck at a time; #check never rejects (a failure is an unhealthy result). */
  async #refresh (): Promise<EngineHealth> {
    return await this.#refreshes.run('health', async () => await this.#check()).promise
  }

  async #check (): Promise<EngineHealth> {
    const started = performance.now()
    try {
      const res = await this.#client.healthCheck(this.#settings.deadlineMs)
      this.#last = {
        healthy: res.healthy,
        status: res.status || (res.healthy ? 'ok' : 'unhealthy'),
        latencyMs: round(performance.now() - started),
        version: res.version || null,
        uptimeS: Math.floor(res.uptime_ms / 1000),
        components: res.components,
        checkedAt: Date.now(),
        error: null
      }
    } catch (err) {
      const error = err instanceof MibError ? err : new EngineUnavailableError(String(err), this.#settings.retryAfterS, err)
      this.#last = { ...this.#unreachable(error.message), error, latencyMs: round(performance.now() - started) }
    }
    return this.#last
  }

  #unreachable (detail: string): EngineHealth {
    return {
      healthy: false,
      status: 'unavailable',
      latencyMs: null,
      version: null,
      uptimeS: null,
      components: {},
      checkedAt: Date.now(),
      error: new EngineUnavailableError(detail, this.#settings.retryAfterS)
    }
  }
}

function round (ms: number): number {
  return Math.round(ms * 100) / 100
}
