/**
 * Errors thrown by iterations, printed as k6 does, but each distinct message
 * only a few times: a failing script must not flood the terminal with
 * thousands of identical stack traces per second.
 */
import { scriptErrorText } from './script-error.js'

const SHOWN_PER_MESSAGE = 3
const MAX_DISTINCT = 100

export class ErrorLog {
  readonly #write: (line: string) => void
  readonly #counts = new Map<string, number>()
  #total = 0

  constructor (write: (line: string) => void) {
    this.#write = write
  }

  get total (): number {
    return this.#total
  }

  report (where: string, err: unknown): void {
    this.#total++
    const message = err instanceof Error ? err.message : String(err)
    const key = `${where}\0${message}`
    const seen = this.#counts.get(key) ?? 0
    if (seen === 0 && this.#counts.size >= MAX_DISTINCT) return
    this.#counts.set(key, seen + 1)
    if (seen < SHOWN_PER_MESSAGE) {
      const detail = seen === 0 ? scriptErrorText(err) : message
      this.#write(`ERROR ${where}: ${detail}${seen === SHOWN_PER_MESSAGE - 1 ? ' (repeats of this error are counted, not shown)' : ''}`)
    }
  }

  /** One line per message that was hidden after its first few occurrences. */
  flushCounts (): void {
    for (const [key, count] of this.#counts) {
      if (count <= SHOWN_PER_MESSAGE) continue
      const [where, message] = key.split('\0') as [string, string]
      this.#write(`ERROR ${where}: ${message} — ${count} times in all`)
    }
  }
}
