/** What the registry, stats and health know about any source. */
import type { CircuitState } from '../http-client/circuit-breaker.js'
import type { SourceType } from '../model.js'

export type SourceId = 'yahoo_finance' | 'news_api' | 'tick_stream'

export interface ConnectResult {
  /** False when the source was already connected: nothing was done, no network was used. */
  changed: boolean
  message: string
}

export interface DataSource {
  readonly id: SourceId
  readonly type: SourceType
  readonly enabled: boolean
  /** Where it connects (no credentials in it). */
  readonly baseUrl: string
  readonly connected: boolean
  readonly circuitState: CircuitState
  /**
   * Connects (verifying reachability) when not connected. Must be cheap and
   * network-free when already connected with the same credentials.
   */
  connect: (apiKey: string | undefined) => Promise<ConnectResult>
  disconnect: () => Promise<void>
}
