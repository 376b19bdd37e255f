/**
 * Appends chaos events to the run's chaos-events.ndjson as they happen (a run
 * cut short keeps what happened so far) and hands each one to listeners (the
 * live dashboard, the progress log).
 */
import { appendFile } from 'node:fs/promises'
import type { FaultEvent } from '../../lab/report/index.js'

export interface FaultRecorder {
  record: (event: FaultEvent) => void
  /** Resolves when every event recorded so far is on disk. */
  flush: () => Promise<void>
  /** Every event recorded, in order. */
  readonly events: readonly FaultEvent[]
}

export function createFaultRecorder (file: string, onEvent: (event: FaultEvent) => void = () => {}): FaultRecorder {
  const events: FaultEvent[] = []
  let written: Promise<void> = Promise.resolve()
  let failure: unknown
  return {
    events,
    record (event) {
      events.push(event)
      // One write at a time, in order; a failed write is reported by flush().
      written = written.then(async () => { await appendFile(file, JSON.stringify(event) + '\n') }).catch((err: unknown) => { failure ??= err })
      onEvent(event)
    },
    async flush () {
      await written
      if (failure !== undefined) throw failure
    }
  }
}
