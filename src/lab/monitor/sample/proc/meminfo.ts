/** /proc/meminfo: sizes in kB. MemAvailable (since Linux 3.14) is what free(1) shows as "available". */
import { ProcFormatError } from '../../errors.js'

export interface MemoryInfo {
  totalBytes: number
  availableBytes: number
}

export function parseMeminfo (text: string): MemoryInfo {
  const kb = new Map<string, number>()
  for (const line of text.split('\n')) {
    const match = /^(\w+):\s+(\d+)/.exec(line)
    if (match?.[1] !== undefined && match[2] !== undefined) kb.set(match[1], Number(match[2]))
  }
  const total = kb.get('MemTotal')
  // Kernels before 3.14 lack MemAvailable; MemFree + Cached is the classic estimate.
  const available = kb.get('MemAvailable') ?? sumDefined(kb.get('MemFree'), kb.get('Cached'))
  if (total === undefined || total === 0 || available === undefined) {
    throw new ProcFormatError('/proc/meminfo', 'MemTotal or MemAvailable missing')
  }
  return { totalBytes: total * 1024, availableBytes: available * 1024 }
}

function sumDefined (a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : a + b
}

/** Used share in percent: everything that is not available. */
export function memoryUsedPercent (info: MemoryInfo): number {
  return ((info.totalBytes - info.availableBytes) / info.totalBytes) * 100
}
