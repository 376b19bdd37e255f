/**
 * The trace's JSON written in slices, yielding to the event loop between
 * them. JSON.stringify of a whole trace holds the JavaScript thread for its
 * full size in one go: 20–160 ms for 3 MB (~16,000 events, a gateway at
 * 300 VUs, loaded machine) and proportionally more at the seed's peak — a
 * stall every request waiting on that service sees. Sliced, no single step
 * stringifies more than EVENTS_PER_SLICE events (~1–3 ms). The bytes are
 * exactly JSON.stringify's (the test compares them).
 */
import { Readable } from 'node:stream'
import { setImmediate as nextTurn } from 'node:timers/promises'

/** ~180 KB of JSON per slice at ~180 bytes an event. */
export const EVENTS_PER_SLICE = 1_000

/** Yields JSON.stringify(value)'s text in pieces; the array under `arrayKey` is sliced. */
export async function * jsonSlices (value: object, arrayKey: string, perSlice = EVENTS_PER_SLICE): AsyncGenerator<string> {
  let first = true
  for (const [key, field] of Object.entries(value)) {
    const text = key === arrayKey && Array.isArray(field) ? undefined : JSON.stringify(field)
    // JSON.stringify leaves out undefined fields, functions and symbols.
    if (text === undefined && !(key === arrayKey && Array.isArray(field))) continue
    yield `${first ? '{' : ','}${JSON.stringify(key)}:`
    first = false
    if (text !== undefined) {
      yield text
      continue
    }
    const items = field as unknown[]
    yield '['
    for (let start = 0; start < items.length; start += perSlice) {
      if (start > 0) await nextTurn()
      const slice = JSON.stringify(items.slice(start, start + perSlice))
      // Drop the slice's own brackets; join slices with a comma.
      yield `${start > 0 ? ',' : ''}${slice.slice(1, -1)}`
    }
    yield ']'
  }
  yield first ? '{}' : '}'
}

/** A readable of the slices that counts the bytes it handed on (for the log line). */
export function jsonStream (value: object, arrayKey: string, onEnd: (bytes: number) => void): Readable {
  let bytes = 0
  async function * counted (): AsyncGenerator<Buffer> {
    for await (const piece of jsonSlices(value, arrayKey)) {
      const chunk = Buffer.from(piece)
      bytes += chunk.length
      yield chunk
    }
    onEnd(bytes)
  }
  return Readable.from(counted(), { objectMode: false })
}
