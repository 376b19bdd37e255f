/**
 * Repeated identical warnings, aggregated. A service under failure answers
 * hundreds of declared errors a second (the engine down, an upstream failing);
 * one log line each made 12.6 MB of a 27 MB full-run log at 23 % errors, and
 * told the reader nothing the first line and a count would not.
 *
 * So per key (e.g. the error code and status): the first occurrence is logged
 * at once; later ones within the same window (1 s) are only counted; when the
 * window ends, one line says how many more there were (`repeated`, over
 * `window_ms`), with the last one's fields and message as the example. A steady
 * stream of one code is thus one line a second; a key quiet for a whole window
 * is forgotten, so its next occurrence is logged at once again. Pending counts
 * are written by `flush()` (on close), so none is lost.
 *
 * Per call: one Map lookup and an increment; one timer per window, unref'd.
 */

export const REPEAT_WINDOW_MS = 1000

/** What this needs of a logger (pino's, Fastify's). */
export interface WarnLogger { warn: (fields: Record<string, unknown>, message: string) => void }

interface Pending {
  repeated: number
  fields: Record<string, unknown>
  message: string
}

export class RepeatedWarnings {
  readonly #logger: WarnLogger
  readonly #windowMs: number
  readonly #keys = new Map<string, Pending>()
  #timer: NodeJS.Timeout | undefined

  constructor (logger: WarnLogger, windowMs = REPEAT_WINDOW_MS) {
    this.#logger = logger
    this.#windowMs = windowMs
  }

  /** Logs `message` at warn level, or counts it when `key` was already logged in this window. */
  warn (key: string, fields: Record<string, unknown>, message: string): void {
    const pending = this.#keys.get(key)
    if (pending !== undefined) {
      pending.repeated++
      pending.fields = fields
      pending.message = message
      return
    }
    this.#logger.warn(fields, message)
    this.#keys.set(key, { repeated: 0, fields, message })
    this.#timer ??= setTimeout(() => { this.#endWindow() }, this.#windowMs).unref()
  }

  /** Writes the counts of the window in progress now (the service is closing). */
  flush (): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
    this.#report()
    this.#keys.clear()
  }

  #endWindow (): void {
    this.#timer = undefined
    this.#report()
    // Keys that repeated stay (their next occurrences are counted into the next window's line); quiet ones go.
    for (const [key, pending] of this.#keys) {
      if (pending.repeated === 0) this.#keys.delete(key)
      else pending.repeated = 0
    }
    if (this.#keys.size > 0) this.#timer = setTimeout(() => { this.#endWindow() }, this.#windowMs).unref()
  }

  #report (): void {
    for (const pending of this.#keys.values()) {
      if (pending.repeated === 0) continue
      this.#logger.warn({ ...pending.fields, repeated: pending.repeated, window_ms: this.#windowMs },
        `${pending.message} (and ${pending.repeated} more like it in ${this.#windowMs} ms)`)
    }
  }
}
