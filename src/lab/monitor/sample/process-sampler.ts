/**
 * CPU and memory of one process, from /proc/<pid>/stat and /proc/<pid>/status.
 * CPU is in percent of one core (like top: 200 means two busy cores), from
 * the delta of utime+stime over the wall time between two readings.
 */
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { parsePidStat, parseVmRssBytes } from './proc/pid-stat.js'
import { isGoneError } from './proc/read-proc.js'
import { clockTicksPerSecond } from './proc/clock-ticks.js'

export interface ProcessSample {
  pid: number
  /** Percent of one core since the previous reading; undefined on the first. */
  cpuPercent: number | undefined
  rssBytes: number | undefined
  threads: number
}

interface Reading {
  atMs: number
  cpuTicks: number
  startTicks: number
}

export class ProcessSampler {
  readonly pid: number
  #previous: Reading | undefined

  constructor (pid: number) {
    this.pid = pid
  }

  /** The process's figures, or undefined once it has exited (or its pid now names another process). */
  async sample (): Promise<ProcessSample | undefined> {
    const statPath = `/proc/${this.pid}/stat`
    let statText: string
    let statusText: string
    try {
      [statText, statusText] = await Promise.all([readFile(statPath, 'utf8'), readFile(`/proc/${this.pid}/status`, 'utf8')])
    } catch (err) {
      if (isGoneError(err)) return undefined
      throw err
    }
    const stat = parsePidStat(statText, statPath)
    const previous = this.#previous
    if (previous !== undefined && previous.startTicks !== stat.startTicks) return undefined
    const current: Reading = { atMs: performance.now(), cpuTicks: stat.cpuTicks, startTicks: stat.startTicks }
    this.#previous = current
    return {
      pid: this.pid,
      cpuPercent: previous === undefined ? undefined : await cpuPercentBetween(previous, current),
      rssBytes: parseVmRssBytes(statusText),
      threads: stat.threads
    }
  }
}

async function cpuPercentBetween (previous: Reading, current: Reading): Promise<number | undefined> {
  const seconds = (current.atMs - previous.atMs) / 1000
  if (seconds <= 0) return undefined
  const cpuSeconds = (current.cpuTicks - previous.cpuTicks) / await clockTicksPerSecond()
  return Math.max(0, (cpuSeconds / seconds) * 100)
}
