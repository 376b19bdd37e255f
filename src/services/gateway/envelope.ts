/**
 * The JSON envelope of every successful gateway answer:
 * `{ success, message, ...payload, metadata, timestamp }`. Errors use the same
 * envelope through common/http-errors.ts (`errorBody`), plus `error: <code>`.
 */
export type Metadata = Record<string, unknown>

export interface Envelope {
  success: boolean
  message: string
  metadata: Metadata
  timestamp: string
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

export function envelope<T extends object> (message: string, payload: T, metadata: Metadata = {}, success = true): Envelope & T {
  return { success, message, ...payload, metadata, timestamp: new Date().toISOString() }
}

/**
 * The same envelope as a string, with one field given as already-serialized JSON.
 * Lets many answers share one serialization of a large array (coalesced reads)
 * while metadata and timestamp stay per request.
 */
export function envelopeWithRawField (message: string, field: string, rawJson: string, metadata: Metadata = {}): string {
  return `{"success":true,"message":${JSON.stringify(message)},${JSON.stringify(field)}:${rawJson},` +
    `"metadata":${JSON.stringify(metadata)},"timestamp":"${new Date().toISOString()}"}`
}
