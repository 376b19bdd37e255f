/**
 * /proc/<pid>/stat and /proc/<pid>/status of one process.
 * CPU times are in clock ticks (USER_HZ): see clockTicksPerSecond.
 */
import { ProcFormatError } from '../../errors.js'

export interface PidStat {
  /** utime + stime, in clock ticks. */
  cpuTicks: number
  /** Start time after boot, in clock ticks: with the pid it identifies the process (pids are reused). */
  startTicks: number
  threads: number
}

export function parsePidStat (text: string, path: string): PidStat {
  // The command name (field 2) is in parentheses and may itself contain spaces
  // and ')', so fields are counted from the last ')'.
  const close = text.lastIndexOf(')')
  if (close < 0) throw new ProcFormatError(path, 'no ")" after the command name')
  const rest = text.slice(close + 2).trim().split(/\s+/).map(Number)
  // rest[0] is field 3 (state, NaN here); utime is field 14, stime 15, num_threads 20, starttime 22.
  const utime = rest[14 - 3]
  const stime = rest[15 - 3]
  const threads = rest[20 - 3]
  const start = rest[22 - 3]
  if (utime === undefined || stime === undefined || threads === undefined || start === undefined ||
      [utime, stime, threads, start].some(Number.isNaN)) {
    throw new ProcFormatError(path, 'too few fields')
  }
  return { cpuTicks: utime + stime, startTicks: start, threads }
}

/** VmRSS from /proc/<pid>/status, in bytes; undefined for kernel threads, which have none. */
export function parseVmRssBytes (text: string): number | undefined {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(text)
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024
}
