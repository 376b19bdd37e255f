/** k6: check, group, sleep, fail, randomSeed (blocking calls return Promises: the k6 transform awaits them). */
import './globals.js'
import { check } from '../../api/check.js'
import { group } from '../../api/group.js'
import { sleep } from '../../api/sleep.js'
import { fail } from '../../api/context.js'

/**
 * Makes Math.random repeatable in this thread (k6 seeds each VU's runtime;
 * here the VUs of a thread share one sequence: see docs/load.md).
 */
export function randomSeed (seed: number): void {
  let state = (Math.trunc(seed) >>> 0) || 0x9e3779b9
  // mulberry32: small, fast, good enough for load test data.
  Math.random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export { check, group, sleep, fail }
export default { check, group, sleep, fail, randomSeed }
