/**
 * Splitting a scenario between worker threads. Units (VUs, iterations) are
 * dealt round-robin: unit j (0-based) belongs to worker j mod count, so every
 * worker's share grows monotonically with the total (no VU migrates between
 * workers while a ramp goes up) and the shares add up to the total exactly.
 */
import type { Segment } from './types.js'

/** How many of the first `total` units belong to `segment`. */
export function shareOf (total: number, segment: Segment): number {
  if (total <= segment.index) return 0
  return Math.floor((total - 1 - segment.index) / segment.count) + 1
}

/** Like shareOf, but at least 1 (a worker with iterations to run needs a VU). */
export function shareAtLeastOne (total: number, segment: Segment): number {
  return Math.max(1, shareOf(total, segment))
}

/** Whether the unit with 0-based index `unit` belongs to `segment`. */
export function owns (unit: number, segment: Segment): boolean {
  return unit % segment.count === segment.index
}
