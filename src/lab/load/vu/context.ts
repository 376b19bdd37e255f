/**
 * Which VU is running. Many VUs share one thread and interleave at every
 * `await`, so the script API (module-level functions, as in k6) finds its VU
 * through AsyncLocalStorage, set once per iteration.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { ScriptApiOutsideVuError } from '../errors.js'
import type { Vu } from './vu.js'

const storage = new AsyncLocalStorage<Vu>()

/** The VU whose code is running; throws when called at module load time. */
export function currentVu (what: string): Vu {
  const vu = storage.getStore()
  if (vu === undefined) throw new ScriptApiOutsideVuError(what)
  return vu
}

export function maybeCurrentVu (): Vu | undefined {
  return storage.getStore()
}

/** Runs `fn(arg)` as `vu`'s code. */
export function runAsVu<A, R> (vu: Vu, fn: (arg: A) => R, arg: A): R {
  return storage.run(vu, fn, arg)
}
