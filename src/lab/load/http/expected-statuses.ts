/**
 * Which statuses count as expected (k6's http.expectedStatuses and
 * responseCallback): they decide http_req_failed and the expected_response tag.
 */
export type StatusSpec = number | { min: number, max: number }

export class ExpectedStatuses {
  readonly #singles: ReadonlySet<number>
  readonly #ranges: ReadonlyArray<{ min: number, max: number }>

  constructor (specs: StatusSpec[]) {
    const singles = new Set<number>()
    const ranges: Array<{ min: number, max: number }> = []
    for (const spec of specs) {
      if (typeof spec === 'number' && Number.isInteger(spec)) singles.add(spec)
      else if (typeof spec === 'object' && spec !== null && Number.isInteger(spec.min) && Number.isInteger(spec.max)) ranges.push({ min: spec.min, max: spec.max })
      else throw new TypeError(`expectedStatuses: ${JSON.stringify(spec)} is neither a status code nor { min, max }`)
    }
    this.#singles = singles
    this.#ranges = ranges
  }

  matches (status: number): boolean {
    if (this.#singles.has(status)) return true
    for (const range of this.#ranges) if (status >= range.min && status <= range.max) return true
    return false
  }
}

/** k6's default: 200–399 are expected. */
export const DEFAULT_EXPECTED = new ExpectedStatuses([{ min: 200, max: 399 }])
