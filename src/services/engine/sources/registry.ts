/**
 * The sources the engine knows, by id. ConnectDataSource lands here: an
 * already-connected source answers at once without touching the network.
 */
import { SourceDisabledError, UnknownSourceError, WrongSourceTypeError } from '../errors.js'
import type { ConnectResult, DataSource } from './data-source.js'

export class SourceRegistry {
  readonly #sources = new Map<string, DataSource>()
  readonly #ids: readonly string[]

  constructor (sources: readonly DataSource[]) {
    for (const source of sources) this.#sources.set(source.id, source)
    this.#ids = sources.map((s) => s.id)
  }

  get ids (): readonly string[] { return this.#ids }

  all (): IterableIterator<DataSource> {
    return this.#sources.values()
  }

  /** The source, or UNKNOWN_SOURCE (400). */
  get (id: string): DataSource {
    const source = this.#sources.get(id)
    if (source === undefined) throw new UnknownSourceError(id, this.#ids)
    return source
  }

  /**
   * The source `id` (or `defaultId` when empty) if it can serve the request
   * (`serves`, else WRONG_SOURCE_TYPE) and is enabled (else SOURCE_DISABLED).
   */
  usable<T extends DataSource> (id: string, defaultId: string, serves: (source: DataSource) => source is T, what: string): T {
    const source = this.get(id === '' ? defaultId : id)
    if (!serves(source)) throw new WrongSourceTypeError(source.id, what)
    if (!source.enabled) throw new SourceDisabledError(source.id)
    return source
  }

  async connect (id: string, apiKey: string | undefined): Promise<ConnectResult> {
    const source = this.get(id)
    if (!source.enabled) throw new SourceDisabledError(id)
    return await source.connect(apiKey)
  }

  /** Connected sources (GetIngestionStats.active_connections). */
  activeConnections (): number {
    let n = 0
    for (const source of this.#sources.values()) if (source.connected) n++
    return n
  }

  async disconnectAll (): Promise<void> {
    await Promise.all([...this.#sources.values()].map(async (s) => await s.disconnect()))
  }
}
