/**
 * CPU time from /proc (Linux): per process (utime + stime of every thread, from
 * /proc/<pid>/stat) and for the whole machine (/proc/stat's `cpu` line), in
 * clock ticks (USER_HZ, 100 on Linux), and a sampler that records both every second.
 */
import { readdirSync, readFileSync } from 'node:fs'

export const CLOCK_TICKS_PER_S = 100

/** utime + stime in ticks from the text of /proc/<pid>/stat (all threads: the thread group's totals). */
export function parseProcessStat (text: string): number | undefined {
  // The command name (field 2) may contain spaces and parentheses: fields resume after the last ')'.
  const close = text.lastIndexOf(')')
  if (close < 0) return undefined
  const fields = text.slice(close + 2).trim().split(/\s+/)
  // After the name: state is field 3, utime field 14, stime field 15 (1-based) → indexes 11 and 12.
  const ticks = Number(fields[11]) + Number(fields[12])
  return Number.isFinite(ticks) ? ticks : undefined
}

export interface MachineTicks {
  /** user + nice + system + irq + softirq (guest time is inside user). */
  busy: number
  /** idle + iowait. */
  idle: number
  /** Taken by the hypervisor for other guests. */
  steal: number
}

/** The aggregate `cpu` line of /proc/stat. */
export function parseMachineStat (text: string): MachineTicks | undefined {
  const line = text.split('\n').find((l) => l.startsWith('cpu '))
  if (line === undefined) return undefined
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number)
  const ticks = { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal }
  return Object.values(ticks).every(Number.isFinite) ? ticks : undefined
}

export function processTicks (pid: number): number | undefined {
  try { return parseProcessStat(readFileSync(`/proc/${pid}/stat`, 'utf8')) } catch { return undefined }
}

export function machineTicks (): MachineTicks | undefined {
  try { return parseMachineStat(readFileSync('/proc/stat', 'utf8')) } catch { return undefined }
}

/** Every descendant of `pid` (children, their children, …), from /proc/<pid>/task/<tid>/children. */
export function descendants (pid: number): number[] {
  const found: number[] = []
  const visit = (p: number): void => {
    let tids: string[]
    try { tids = readdirSync(`/proc/${p}/task`) } catch { return }
    for (const tid of tids) {
      let text = ''
      try { text = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8') } catch { continue }
      for (const child of text.trim().split(/\s+/).filter(Boolean).map(Number)) { found.push(child); visit(child) }
    }
  }
  visit(pid)
  return found
}

/** One reading: wall-clock ms (Date.now, to match the runner's output times) and ticks per named counter. */
export interface CpuSample { atMs: number, ticks: Record<string, number | undefined> }

/**
 * Reads every named process and the machine every `everyMs`; `stop()` takes a
 * last reading and returns them all. Counters: each process name, and
 * `<name>.children` (its descendants' total, when it has some), `machine.busy`,
 * `machine.idle`, `machine.steal`.
 */
export function sampleCpu (pids: Record<string, number>, everyMs = 1000): { stop: () => CpuSample[] } {
  const samples: CpuSample[] = []
  const read = (): void => {
    const ticks: Record<string, number | undefined> = {}
    for (const [name, pid] of Object.entries(pids)) {
      ticks[name] = processTicks(pid)
      // The runner keeps esbuild's service process (it bundled the script): counted beside it.
      const children = descendants(pid)
      if (children.length > 0) ticks[`${name}.children`] = children.reduce((sum, c) => sum + (processTicks(c) ?? 0), 0)
    }
    const machine = machineTicks()
    ticks['machine.busy'] = machine?.busy
    ticks['machine.idle'] = machine?.idle
    ticks['machine.steal'] = machine?.steal
    samples.push({ atMs: Date.now(), ticks })
  }
  read()
  const timer = setInterval(read, everyMs)
  return { stop: () => { clearInterval(timer); read(); return samples } }
}
