/**
 * What the HTTP sources share: "connected" means a call reached the provider
 * since the last disconnect and the circuit is not open. connect() probes only
 * when that is not the case (or new credentials must be verified), and
 * concurrent connects share one probe.
 */
import type { CircuitState } from '../http-client/circuit-breaker.js'
import type { UpstreamCaller } from '../http-client/upstream-caller.js'
import type { UpstreamClient } from '../http-client/upstream-client.js'
import type { SourceType } from '../model.js'
import type { ConnectResult, DataSource, SourceId } from './data-source.js'

export abstract class HttpSource implements DataSource {
  abstract readonly id: SourceId
  abstract readonly type: SourceType
  readonly enabled: boolean
  protected readonly caller: UpstreamCaller
  #reached = false
  #probing: Promise<ConnectResult> | undefined
  #probingKey: string | undefined

  constructor (caller: UpstreamCaller, enabled: boolean) {
    this.caller = caller
    this.enabled = enabled
  }

  get baseUrl (): string { return this.caller.client.baseUrl }
  /** The connection pool, closed by the engine at shutdown. */
  get client (): UpstreamClient { return this.caller.client }
  get circuitState (): CircuitState { return this.caller.breaker.state }
  get connected (): boolean { return this.#reached && this.caller.breaker.state !== 'open' }

  async connect (apiKey: string | undefined): Promise<ConnectResult> {
    if (this.connected && !this.needsVerification(apiKey)) return { changed: false, message: `${this.id} already connected` }
    if (this.#probing !== undefined) {
      if (this.#probingKey === apiKey) return await this.#probing
      // Another key is being verified: its outcome is its caller's to report; then decide afresh.
      await this.#probing.then(() => undefined, () => undefined)
      return await this.connect(apiKey)
    }
    // No caller signal: a probe shared by concurrent callers must not die with the first one to cancel.
    this.#probingKey = apiKey
    this.#probing = this.#probe(apiKey).finally(() => { this.#probing = undefined })
    return await this.#probing
  }

  async disconnect (): Promise<void> {
    this.#reached = false
  }

  /** Every successful call proves the provider reachable. */
  protected markReached (): void {
    this.#reached = true
  }

  /** Whether `apiKey` differs from the credentials in use (and so must be verified first). */
  protected needsVerification (_apiKey: string | undefined): boolean {
    return false
  }

  /** One cheap request that proves the provider answers (with `apiKey`, when given). */
  protected abstract probe (apiKey: string | undefined): Promise<string>

  async #probe (apiKey: string | undefined): Promise<ConnectResult> {
    const message = await this.probe(apiKey)
    this.#reached = true
    return { changed: true, message }
  }
}
