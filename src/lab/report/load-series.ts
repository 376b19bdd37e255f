/**
 * Accumulators shared by the two readers of a run's load data — k6's JSON
 * lines (ndjson-reader.ts) and the runner's per-second aggregates
 * (aggregate-reader.ts): the per-second series, the error table and the
 * stage windows.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { constants, createGunzip } from 'node:zlib'
import { RateStats, SecondLatency, TrendStats } from './stats.js'

export interface SecondStats {
  /** Unix epoch second. */
  time: number
  /** http_reqs completed in this second. */
  requests: number
  /** http_req_failed points in this second, and how many of them were failures. */
  failed: RateStats
  latency: SecondLatency
  /** Highest `vus` gauge value seen in this second. */
  vus: number | null
}

export interface ErrorCount {
  operation: string
  status: string
  errorCode: string
  count: number
}

/** Requests, failures and latency within one window of the run. */
export interface WindowAggregate {
  fromS: number
  toS: number
  requests: number
  failed: RateStats
  duration: TrendStats
}

/**
 * A second's latency histogram is reduced to its chart percentiles once the
 * file has reached this many seconds later: k6 writes its output in batches
 * a second or two out of order, never a minute.
 */
export const FREEZE_AFTER_S = 60

/** Seconds in which something was recorded; latency histograms freeze FREEZE_AFTER_S behind the newest second. */
export class SecondSeries {
  readonly #seconds = new Map<number, SecondStats>()
  readonly #open = new Set<SecondStats>()
  #latest = Number.NEGATIVE_INFINITY

  /** The stats of the epoch second `time`. */
  at (time: number): SecondStats {
    let second = this.#seconds.get(time)
    if (second === undefined) {
      second = { time, requests: 0, failed: new RateStats(), latency: new SecondLatency(), vus: null }
      this.#seconds.set(time, second)
      this.#open.add(second)
      if (time > this.#latest) this.#freezeBefore(time - FREEZE_AFTER_S)
    }
    return second
  }

  #freezeBefore (time: number): void {
    this.#latest = time + FREEZE_AFTER_S
    for (const second of this.#open) {
      if (second.time >= time) continue
      second.latency.freeze()
      this.#open.delete(second)
    }
  }

  /** Ordered by time. */
  list (): SecondStats[] {
    return [...this.#seconds.values()].sort((a, b) => a.time - b.time)
  }
}

/** Failed requests by operation, status and error code. */
export class ErrorTable {
  readonly #rows = new Map<string, ErrorCount>()

  add (operation: string, status: string, errorCode: string, count: number): void {
    const key = `${operation}\u0000${status}\u0000${errorCode}`
    const entry = this.#rows.get(key) ?? { operation, status, errorCode, count: 0 }
    entry.count += count
    this.#rows.set(key, entry)
  }

  /** Most frequent first. */
  rows (): ErrorCount[] {
    return [...this.#rows.values()].sort((a, b) => b.count - a.count || a.operation.localeCompare(b.operation))
  }
}

export function newWindowAggregates (windows: ReadonlyArray<{ fromS: number, toS: number }> | undefined): WindowAggregate[] {
  return (windows ?? []).map(({ fromS, toS }) => ({ fromS, toS, requests: 0, failed: new RateStats(), duration: new TrendStats() }))
}

/** The windows holding the instant `offsetS` seconds after the origin. */
export function windowsAt (windows: WindowAggregate[], offsetS: number): WindowAggregate[] {
  if (windows.length === 0) return []
  return windows.filter((w) => offsetS >= w.fromS && offsetS < w.toS)
}

/**
 * The lines of a text file, gunzipped when its name ends in `.gz`. A file cut
 * short (a crashed run) yields every line up to the cut, gzip included; the
 * cut line itself is the caller's to reject.
 */
export function readLines (file: string): AsyncIterable<string> {
  let input: Readable = createReadStream(file)
  if (file.endsWith('.gz')) {
    // Z_SYNC_FLUSH: a truncated stream ends the output instead of failing it.
    const gunzip = createGunzip({ finishFlush: constants.Z_SYNC_FLUSH })
    // pipe() does not forward errors: a missing or unreadable file must still reject.
    input = input.on('error', (err) => gunzip.destroy(err)).pipe(gunzip)
  }
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })
}
