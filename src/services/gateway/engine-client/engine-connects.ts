/**
 * ConnectDataSource as the connect route uses it. Connecting a source the
 * engine reports already connected (same credentials) changes nothing there —
 * it is a read of the source's state. So such an answer is reused for
 * `keepMs` (readCacheTtlMs: as fresh as a stats read), per source and api_key,
 * and `ageMs` says how old it is. Any other answer (a source that was not
 * connected, a new key being verified, a failure) is never reused: the next
 * request asks the engine. Concurrent identical connects share one RPC.
 */
import type { GatewayMetrics } from '../metrics.js'
import type { ConnectResult, EngineClient } from './client.js'
import { SingleFlight } from '../../common/single-flight.js'
import { KeptAnswers } from './kept-answers.js'

export interface ConnectAnswer extends ConnectResult {
  /** How old the engine's answer is, ms (0: just asked). */
  ageMs: number
}

export interface EngineConnectsSettings {
  /** How long an already-connected answer is reused, ms (0: never). */
  keepMs: number
}

/** Kept answers are tiny; this bounds how many distinct (source, key) pairs are remembered. */
const MAX_KEPT_BYTES = 256 * 1024

interface Kept { result: ConnectResult, at: number }

export class EngineConnects {
  readonly #engine: EngineClient
  readonly #keepMs: number
  readonly #kept = new KeptAnswers<Kept>(MAX_KEPT_BYTES)
  readonly #inFlight = new SingleFlight<ConnectResult>()
  readonly #keptHits: { inc: () => void }

  constructor (engine: EngineClient, metrics: GatewayMetrics, settings: EngineConnectsSettings) {
    this.#engine = engine
    this.#keepMs = settings.keepMs
    this.#keptHits = metrics.keptAnswerHits.labels({ method: 'ConnectDataSource' })
  }

  async connect (sourceId: string, apiKey: string): Promise<ConnectAnswer> {
    const key = `${sourceId}\0${apiKey}`
    const kept = this.#kept.get(key)
    if (kept !== undefined) {
      this.#keptHits.inc()
      return answerOf(kept.result, Date.now() - kept.at)
    }
    const { promise: result } = this.#inFlight.run(key, async () => {
      const answer = await this.#engine.connectDataSource(sourceId, apiKey)
      if (answer.success && answer.connected && answer.already_connected) {
        this.#kept.set(key, { result: answer, at: Date.now() }, key.length + answer.message.length + 64, this.#keepMs)
      }
      return answer
    })
    return answerOf(await result, 0)
  }
}

/** Field by field, not `{ ...result, ageMs }`: a literal that starts with a spread costs 1–3 µs on Node 20 (docs/load.md). */
function answerOf (r: ConnectResult, ageMs: number): ConnectAnswer {
  return { success: r.success, message: r.message, connected: r.connected, source_id: r.source_id, already_connected: r.already_connected, ageMs }
}
