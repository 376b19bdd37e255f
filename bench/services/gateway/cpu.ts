/**
 * CPU time a process spent, from /proc/<pid>/stat (Linux). CPU per request is
 * what a shared, noisy machine distorts least: throughput depends on what the
 * neighbours do, the work done per request does not.
 */
import { readFileSync } from 'node:fs'

const CLOCK_TICKS_PER_S = 100

/** utime + stime of `pid` in ms, or undefined where /proc is not available. */
export function cpuTimeMs (pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12])
    return Number.isFinite(ticks) ? ticks * 1000 / CLOCK_TICKS_PER_S : undefined
  } catch {
    return undefined
  }
}
