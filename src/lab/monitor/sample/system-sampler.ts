/**
 * Machine-wide figures, read from /proc and the OS (never from the output of
 * top, netstat or free). Rates and CPU percentages are deltas between two
 * readings, so the first sample() only sets the baseline and leaves them undefined.
 */
import { statfs } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { parseCpuStat, cpuPercent, type CpuStat } from './proc/cpu-stat.js'
import { parseMeminfo, memoryUsedPercent } from './proc/meminfo.js'
import { parseNetDev, type NetCounters } from './proc/net-dev.js'
import { parseEstablished, type TcpSocket } from './proc/net-tcp.js'
import { readSystemProcFile } from './proc/read-proc.js'
import { ProcUnavailableError } from '../errors.js'

export interface SystemSample {
  /** All cores together, 0..100. */
  cpuPercent: number | undefined
  /** One entry per core, 0..100 each. */
  cpuPerCorePercent: Array<number | undefined>
  memoryUsedPercent: number
  memoryUsedBytes: number
  memoryTotalBytes: number
  /** Used share of the filesystem holding `diskPath`, as df(1) computes it. */
  diskUsedPercent: number | undefined
  diskPath: string
  /** ESTABLISHED sockets in /proc/net/tcp + tcp6 (a loopback connection counts twice). */
  tcpEstablished: number
  /** 1, 5 and 15 minute load averages. */
  loadAverage: [number, number, number]
  net: NetSample
}

export interface NetSample {
  /** Cumulative bytes since boot over every interface but lo. */
  rxBytes: number
  txBytes: number
  rxBytesPerS: number | undefined
  txBytesPerS: number | undefined
  loopbackRxBytesPerS: number | undefined
  loopbackTxBytesPerS: number | undefined
}

interface Reading {
  atMs: number
  cpu: CpuStat
  net: NetCounters
}

export class SystemSampler {
  readonly #diskPath: string
  #previous: Reading | undefined

  /** `diskPath`: a path on the filesystem whose usage is reported (the results directory). */
  constructor (diskPath: string) {
    this.#diskPath = diskPath
  }

  async sample (): Promise<SystemSample> {
    const [statText, memText, netText, sockets, disk] = await Promise.all([
      readSystemProcFile('/proc/stat'),
      readSystemProcFile('/proc/meminfo'),
      readSystemProcFile('/proc/net/dev'),
      readEstablishedTcp(),
      diskUsedPercent(this.#diskPath)
    ])
    const current: Reading = { atMs: performance.now(), cpu: parseCpuStat(statText), net: parseNetDev(netText) }
    const previous = this.#previous
    this.#previous = current
    const memory = parseMeminfo(memText)
    const [one = 0, five = 0, fifteen = 0] = loadavg()
    return {
      cpuPercent: previous === undefined ? undefined : cpuPercent(previous.cpu.total, current.cpu.total),
      cpuPerCorePercent: perCorePercent(previous?.cpu, current.cpu),
      memoryUsedPercent: memoryUsedPercent(memory),
      memoryUsedBytes: memory.totalBytes - memory.availableBytes,
      memoryTotalBytes: memory.totalBytes,
      diskUsedPercent: disk,
      diskPath: this.#diskPath,
      tcpEstablished: sockets.length,
      loadAverage: [one, five, fifteen],
      net: netSample(previous, current)
    }
  }
}

/** Every ESTABLISHED TCP socket of this network namespace, IPv4 and IPv6. */
export async function readEstablishedTcp (): Promise<TcpSocket[]> {
  const [v4, v6] = await Promise.all([
    readSystemProcFile('/proc/net/tcp'),
    // A kernel built without IPv6 has no tcp6 table: that means zero sockets, not an error.
    readSystemProcFile('/proc/net/tcp6').catch((err: unknown) => {
      if (err instanceof ProcUnavailableError) return ''
      throw err
    })
  ])
  return [...parseEstablished(v4), ...parseEstablished(v6)]
}

/** Undefined when the path is gone (a results directory removed mid-run must not stop the monitor). */
async function diskUsedPercent (path: string): Promise<number | undefined> {
  let fs
  try {
    fs = await statfs(path)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw err
  }
  // df's formula: blocks reserved for root count neither as used nor as available.
  const used = fs.blocks - fs.bfree
  const usable = used + fs.bavail
  return usable === 0 ? 0 : (used / usable) * 100
}

function perCorePercent (previous: CpuStat | undefined, current: CpuStat): Array<number | undefined> {
  return current.cores.map((core, index) => {
    const before = previous?.cores[index]
    return core === undefined || before === undefined ? undefined : cpuPercent(before, core)
  })
}

function netSample (previous: Reading | undefined, current: Reading): NetSample {
  const seconds = previous === undefined ? 0 : (current.atMs - previous.atMs) / 1000
  const rate = (now: number, before: number | undefined): number | undefined =>
    before === undefined || seconds <= 0 ? undefined : Math.max(0, now - before) / seconds
  return {
    rxBytes: current.net.external.rxBytes,
    txBytes: current.net.external.txBytes,
    rxBytesPerS: rate(current.net.external.rxBytes, previous?.net.external.rxBytes),
    txBytesPerS: rate(current.net.external.txBytes, previous?.net.external.txBytes),
    loopbackRxBytesPerS: rate(current.net.loopback.rxBytes, previous?.net.loopback.rxBytes),
    loopbackTxBytesPerS: rate(current.net.loopback.txBytes, previous?.net.loopback.txBytes)
  }
}
