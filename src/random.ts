/**
 * Seeded pseudo-random numbers, shared by the provider simulator (its data is a
 * pure function of its seed), the load runner's k6 `randomSeed` and tests.
 *
 * mulberry32 is tiny, fast and passes the statistical tests that matter here
 * (it is not cryptographic, and does not need to be).
 */

export type Random = () => number

/** A uniform generator on [0, 1) from a 32-bit seed. */
export function mulberry32 (seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
