import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

/** bin/mib.js, from src/workflow/stack (tsx) or dist/workflow/stack (compiled): same depth. */
export const MIB_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'mib.js')

export function isAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists but is not ours to signal; treat as alive (and not ours).
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * True when `pid` is still the `mib <service>` process we started: pids are
 * reused, and `mib stop` must end only processes it started.
 */
export async function isOurService (pid: number, service: string): Promise<boolean> {
  try {
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0')
    return args.some((a) => a.endsWith('mib.js')) && args.includes(service)
  } catch {
    return false // no /proc entry: the process is gone
  }
}

/** SIGTERM, then SIGKILL after `graceMs` if it is still there; resolves when gone. */
export async function terminate (pid: number, graceMs = 10_000): Promise<'exited' | 'killed' | 'absent'> {
  if (!isAlive(pid)) return 'absent'
  try { process.kill(pid, 'SIGTERM') } catch { return 'absent' }
  const deadline = Date.now() + graceMs
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return 'exited'
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  try { process.kill(pid, 'SIGKILL') } catch { return 'exited' }
  return 'killed'
}
