/**
 * Seeded pseudo-random numbers: the simulator's data is a pure function of its
 * seed, so two runs with the same seed see the same prices and news.
 *
 * The generator is the project's one mulberry32 (src/random.ts). Independent streams are
 * derived by hashing (seed, label) so that, say, the AAPL price path does not
 * change when another symbol is added to the universe.
 */

import { mulberry32, type Random } from '../../random.js'

export { mulberry32, type Random }

/** FNV-1a over the UTF-16 code units, then a murmur3 finalizer for avalanche. */
export function hashString (text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return finalize(h)
}

function finalize (value: number): number {
  let h = value >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** A generator whose sequence depends only on `seed` and `label` (e.g. `price:AAPL`). */
export function streamFor (seed: number, label: string): Random {
  return mulberry32(hashString(label, seed))
}

/**
 * Standard normal draws by the Box-Muller transform. Both values of each pair
 * are used (the second is cached), so the sequence stays a pure function of
 * the underlying uniform stream.
 */
export function normalSource (random: Random): () => number {
  let spare: number | undefined
  return () => {
    if (spare !== undefined) {
      const value = spare
      spare = undefined
      return value
    }
    // 1 - u keeps the argument of log in (0, 1]: log(0) would be -Infinity.
    const u1 = 1 - random()
    const u2 = random()
    const radius = Math.sqrt(-2 * Math.log(u1))
    spare = radius * Math.sin(2 * Math.PI * u2)
    return radius * Math.cos(2 * Math.PI * u2)
  }
}

/** An integer in [min, max], inclusive. */
export function randomInt (random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

/** One element of a non-empty list. */
export function pick<T> (random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new RangeError('pick() from an empty list')
  return item
}
