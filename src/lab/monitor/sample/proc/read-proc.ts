import { readFile } from 'node:fs/promises'
import { ProcUnavailableError } from '../../errors.js'

/**
 * Reads a machine-wide /proc file (stat, meminfo, net/*). Their absence means
 * this is not Linux (or /proc is not mounted): a coded error says so.
 */
export async function readSystemProcFile (path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EACCES') throw new ProcUnavailableError(path, (err as Error).message)
    throw err
  }
}

/** True when the error means the /proc/<pid> entry vanished (the process exited). */
export function isGoneError (err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  return code === 'ENOENT' || code === 'ESRCH'
}
