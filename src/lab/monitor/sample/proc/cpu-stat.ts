/**
 * /proc/stat CPU lines: cumulative jiffies per state since boot, for the whole
 * machine ("cpu") and each core ("cpuN"). Percentages come from the delta of
 * two readings, like top and mpstat do.
 */
import { ProcFormatError } from '../../errors.js'

export interface CpuTimes {
  /** Jiffies spent doing anything but idling or waiting for I/O. */
  busy: number
  /** All jiffies (busy + idle + iowait). */
  total: number
}

export interface CpuStat {
  total: CpuTimes
  /** Indexed by core number; a core missing from the file (offline) is absent. */
  cores: Array<CpuTimes | undefined>
}

export function parseCpuStat (text: string): CpuStat {
  let total: CpuTimes | undefined
  const cores: Array<CpuTimes | undefined> = []
  for (const line of text.split('\n')) {
    if (!line.startsWith('cpu')) continue
    const [label = '', ...fields] = line.trim().split(/\s+/)
    const times = cpuTimesOf(fields.map(Number), line)
    if (label === 'cpu') total = times
    else cores[Number(label.slice(3))] = times
  }
  if (total === undefined) throw new ProcFormatError('/proc/stat', 'no aggregate "cpu" line')
  return { total, cores }
}

function cpuTimesOf (values: number[], line: string): CpuTimes {
  // user nice system idle iowait irq softirq steal guest guest_nice. guest and
  // guest_nice are already included in user and nice, so they are not added again.
  const [user, nice, system, idle, iowait = 0, irq = 0, softirq = 0, steal = 0] = values
  if (user === undefined || nice === undefined || system === undefined || idle === undefined || values.some(Number.isNaN)) {
    throw new ProcFormatError('/proc/stat', `bad cpu line "${line}"`)
  }
  const busy = user + nice + system + irq + softirq + steal
  return { busy, total: busy + idle + iowait }
}

/** Busy share of the time between two readings, in percent (0..100); undefined when no time passed. */
export function cpuPercent (previous: CpuTimes, current: CpuTimes): number | undefined {
  const total = current.total - previous.total
  if (total <= 0) return undefined
  const busy = Math.max(0, current.busy - previous.busy)
  return Math.min(100, (busy / total) * 100)
}
