/** Deterministic PRNG (mulberry32) so distribution tests are reproducible. */
export function seededRandom (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Nearest-rank percentile of sorted values: the definition HDR histograms approximate. */
export function exactPercentile (sorted: readonly number[], p: number): number {
  // The epsilon undoes float noise (0.999 * 50000 = 49950.000000000004), as HDR does with an ulp.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length - 1e-9))
  return sorted[rank - 1] ?? Number.NaN
}

export function relativeError (actual: number, expected: number): number {
  return expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected)
}
