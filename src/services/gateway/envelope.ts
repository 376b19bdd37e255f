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
 * The same envelope as bytes, with one field given as already-serialized JSON
 * (an engine answer kept or shared by many requests) while message, metadata
 * and timestamp stay per request. Written into one buffer: Node sends a
 * Buffer as is, where a string would be flattened and encoded again.
 */
export function envelopeWithRawField (message: string, field: string, rawJson: Buffer, metadata: Metadata = {}): Buffer {
  const head = `{"success":true,"message":${JSON.stringify(message)},${JSON.stringify(field)}:`
  const tail = `,"metadata":${JSON.stringify(metadata)},"timestamp":"${new Date().toISOString()}"}`
  const headBytes = Buffer.byteLength(head)
  const out = Buffer.allocUnsafe(headBytes + rawJson.length + Buffer.byteLength(tail))
  out.write(head, 0)
  rawJson.copy(out, headBytes)
  out.write(tail, headBytes + rawJson.length)
  return out
}
