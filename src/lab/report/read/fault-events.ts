/**
 * `chaos-events.ndjson`: what a chaos run did and when, one JSON object per
 * line, appended as it happens (a run cut short keeps the events so far).
 * The workflow writes it; the report reads it to draw the fault bands and
 * judge recovery. Times are Unix epoch milliseconds.
 *
 * A fault's life: `fault-start` → (`service-exited`) → `fault-end` (knobs
 * restored / service started again) → `healthy` (the failed part answers its
 * health check) → `recovery-end` (its recovery window is over). `memory` is
 * sampled before each fault and at the end of its recovery window; `health`
 * once after the last fault.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { z } from 'zod'

export const FAULT_EVENTS_FILE = 'chaos-events.ndjson'

const time = z.number().nonnegative()
const index = z.number().int().nonnegative()

const planEvent = z.object({
  type: z.literal('plan'),
  time,
  source: z.string(),
  holdS: z.number().positive(),
  targetS: z.number().nonnegative(),
  /** Whether the faults fit in the peak after the profiles. */
  fitsInPeak: z.boolean(),
  /** When the load test began, epoch ms. */
  testStartMs: z.number().nonnegative().optional(),
  faults: z.array(z.object({ index, name: z.string(), kind: z.string(), target: z.string() }))
})

const faultEvent = <T extends string>(type: T) => z.object({ type: z.literal(type), time, index, name: z.string() })

const serviceUsage = z.object({ name: z.string(), pid: z.number().int().positive().optional(), rssBytes: z.number().nonnegative().nullable() })

export const faultEventSchema = z.discriminatedUnion('type', [
  planEvent,
  faultEvent('fault-start').extend({ kind: z.string(), target: z.string(), detail: z.string() }),
  faultEvent('service-exited').extend({ service: z.string(), pid: z.number().int(), code: z.number().int().nullable(), signal: z.string().nullable() }),
  faultEvent('fault-end'),
  faultEvent('healthy').extend({ service: z.string() }),
  faultEvent('recovery-end'),
  faultEvent('memory').extend({ phase: z.enum(['before', 'after']), services: z.array(serviceUsage) }),
  faultEvent('skipped').extend({ reason: z.string() }),
  faultEvent('error').extend({ message: z.string() }),
  z.object({ type: z.literal('health'), time, services: z.array(z.object({ name: z.string(), healthy: z.boolean(), detail: z.string() })) })
])

export type FaultEvent = z.output<typeof faultEventSchema>
export type FaultEventOf<T extends FaultEvent['type']> = Extract<FaultEvent, { type: T }>

export interface FaultEventsRead {
  events: FaultEvent[]
  /** Lines that were not a known event (a torn last line after a crash, or a newer writer). */
  skippedLines: number
}

/** Reads the events file; a missing file is a run without chaos (undefined). */
export async function readFaultEvents (file: string): Promise<FaultEventsRead | undefined> {
  const events: FaultEvent[] = []
  let skippedLines = 0
  try {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity })
    for await (const line of lines) {
      if (line.trim() === '') continue
      const parsed = faultEventSchema.safeParse(parseLine(line))
      if (parsed.success) events.push(parsed.data)
      else skippedLines++
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  return { events, skippedLines }
}

function parseLine (line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return undefined // counted as skipped by the schema check
  }
}

/** One fault's timeline, assembled from its events (epoch ms; null = did not happen). */
export interface FaultTimeline {
  index: number
  name: string
  kind: string
  target: string
  startMs: number
  endMs: number | null
  healthyMs: number | null
  recoveryEndMs: number | null
  memoryBefore: Array<z.output<typeof serviceUsage>>
  memoryAfter: Array<z.output<typeof serviceUsage>>
  errors: string[]
}

export function faultTimelines (events: readonly FaultEvent[]): FaultTimeline[] {
  const byIndex = new Map<number, FaultTimeline>()
  // Memory "before" is sampled just ahead of its fault-start line.
  const before = new Map<number, FaultTimeline['memoryBefore']>()
  for (const e of events) {
    if (e.type === 'plan' || e.type === 'health') continue
    if (e.type === 'fault-start') {
      byIndex.set(e.index, {
        index: e.index, name: e.name, kind: e.kind, target: e.target, startMs: e.time,
        endMs: null, healthyMs: null, recoveryEndMs: null, memoryBefore: before.get(e.index) ?? [], memoryAfter: [], errors: []
      })
      continue
    }
    if (e.type === 'memory' && e.phase === 'before') { before.set(e.index, e.services); continue }
    const t = byIndex.get(e.index)
    if (t === undefined) continue
    if (e.type === 'fault-end') t.endMs = e.time
    else if (e.type === 'healthy') t.healthyMs = e.time
    else if (e.type === 'recovery-end') t.recoveryEndMs = e.time
    else if (e.type === 'memory') t.memoryAfter = e.services
    else if (e.type === 'error') t.errors.push(e.message)
  }
  return [...byIndex.values()].sort((a, b) => a.startMs - b.startMs)
}

/** A shaded stretch of the charts: a fault (start → healthy again) or its recovery window (healthy → window over). */
export interface FaultBand {
  name: string
  kind: 'fault' | 'recovery'
  /** Epoch seconds; end null while still open (the live page draws it to the latest point). */
  start: number
  end: number | null
}

/** The bands of every fault so far, for the live dashboard and the report alike. */
export function faultBands (events: readonly FaultEvent[]): FaultBand[] {
  return faultTimelines(events).flatMap((t): FaultBand[] => {
    const healthyS = t.healthyMs === null ? null : t.healthyMs / 1000
    const fault: FaultBand = { name: t.name, kind: 'fault', start: t.startMs / 1000, end: healthyS }
    if (healthyS === null) return [fault]
    return [fault, { name: t.name, kind: 'recovery', start: healthyS, end: t.recoveryEndMs === null ? null : t.recoveryEndMs / 1000 }]
  })
}
