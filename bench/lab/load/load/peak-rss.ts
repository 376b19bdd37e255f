/** Peak RSS of a child process, every thread included (Linux: VmHWM in /proc/<pid>/status). */
import { readFileSync } from 'node:fs'

export function watchPeakRss (pid: number, everyMs = 200): { stop: () => number } {
  let peakKb = 0
  const read = (): void => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
      if (match !== null) peakKb = Math.max(peakKb, Number(match[1]))
    } catch {
      // The process is gone: the last reading stands.
    }
  }
  const timer = setInterval(read, everyMs)
  return { stop: () => { clearInterval(timer); read(); return peakKb / 1024 } }
}
