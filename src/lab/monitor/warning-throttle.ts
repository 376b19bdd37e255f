/**
 * Decides when a warning is worth repeating. A service that stays down would
 * otherwise print a line every interval (10 per second at --interval 0.1):
 * a problem is reported when it starts or changes, then every `repeatMs` while
 * it lasts, and forgotten as soon as it clears so the next failure is reported at once.
 */
export class WarningThrottle {
  readonly #repeatMs: number
  readonly #lastByKey = new Map<string, { detail: string, atMs: number }>()

  constructor (repeatMs: number) {
    this.#repeatMs = repeatMs
  }

  /** `key` names the problem's subject (service + kind); `detail` its current form. */
  shouldReport (key: string, detail: string, nowMs: number): boolean {
    const last = this.#lastByKey.get(key)
    if (last !== undefined && last.detail === detail && nowMs - last.atMs < this.#repeatMs) return false
    this.#lastByKey.set(key, { detail, atMs: nowMs })
    return true
  }

  clear (key: string): void {
    this.#lastByKey.delete(key)
  }
}
