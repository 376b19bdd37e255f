import { EngineFailedError } from '../errors.js'

/**
 * The engine reports failures as gRPC errors; a `success: false` answer without
 * one is still a failure the client must not mistake for data.
 */
export function ensureSucceeded<T extends { success: boolean, message: string }> (method: string, result: T): T {
  if (!result.success) throw new EngineFailedError(`${method} answered success=false${result.message ? `: ${result.message}` : ''}`)
  return result
}
