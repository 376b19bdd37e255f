/**
 * What script code can reach outside an iteration (at module load: custom
 * metric constructors, `env`): the current thread's emitter and environment.
 * Installed by the runner before the script is imported.
 */
import { ScriptApiOutsideVuError } from '../errors.js'
import type { Emitter } from './emitter.js'

export interface ThreadState {
  readonly emitter: Emitter
  /** `--env` values over the process environment. */
  readonly env: Readonly<Record<string, string>>
  /** k6/execution's test.abort(): stops the whole test (set once the run can be stopped). */
  abortTest?: (reason: string) => void
  /** The script's exported options (k6/execution's test.options, k6/http's batch limits), once it is loaded. */
  options?: unknown
}

let state: ThreadState | undefined

export function installThreadState (next: ThreadState): void {
  state = next
}

export function threadState (what: string): ThreadState {
  if (state === undefined) throw new ScriptApiOutsideVuError(`${what} (no test is running in this thread)`)
  return state
}

export function maybeThreadState (): ThreadState | undefined {
  return state
}
