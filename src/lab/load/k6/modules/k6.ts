/** k6: check, group, sleep, fail, randomSeed (blocking calls return Promises: the k6 transform awaits them). */
import './globals.js'
import { check } from '../../api/check.js'
import { group } from '../../api/group.js'
import { sleep } from '../../api/sleep.js'
import { fail } from '../../api/context.js'
import { mulberry32 } from '../../../../random.js'

/**
 * Makes Math.random repeatable in this thread (k6 seeds each VU's runtime;
 * here the VUs of a thread share one sequence: see docs/load.md).
 */
export function randomSeed (seed: number): void {
  // Seed 0 keeps the fixed non-zero state it has always had, so a script's stream does not change.
  Math.random = mulberry32((Math.trunc(seed) >>> 0) || 0x9e3779b9)
}

export { check, group, sleep, fail }
export default { check, group, sleep, fail, randomSeed }
