import type { Metadata } from '../envelope.js'
import type { Staleness } from '../engine-client/engine-fetches.js'
import { EngineFailedError } from '../errors.js'

/**
 * The engine reports failures as gRPC errors; a `success: false` answer without
 * one is still a failure the client must not mistake for data.
 */
export function ensureSucceeded<T extends { success: boolean, message: string }> (method: string, result: T): T {
  if (!result.success) throw new EngineFailedError(`${method} answered success=false${result.message ? `: ${result.message}` : ''}`)
  return result
}

/**
 * A stale answer says so in its metadata (docs/gateway.md, "Stale answers"):
 * `stale: true`, its age and the engine's code for why no fresh one could be had.
 */
export function withStaleness (metadata: Metadata, stale: Staleness | undefined): Metadata {
  if (stale === undefined) return metadata
  metadata.stale = true
  metadata.age_ms = stale.ageMs
  metadata.stale_reason = stale.reason
  return metadata
}
