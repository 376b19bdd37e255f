/**
 * One init context per VU, as k6 (see transform/isolate.ts): a script whose
 * VU code changes module-level state is bundled as an init function, run
 * here once at load time (k6's first init: its exports give options, setup,
 * teardown, handleSummary) and once for each VU, on the VU's first call. The
 * exported functions forward to the calling VU's own copy. Scripts that do
 * not change module state never come here (no cost per call for them).
 */
import { maybeCurrentVu } from '../../vu/context.js'
import { runInitContext } from './globals.js'

type Exports = Record<string, unknown>
type Forwarded = (this: unknown, ...args: unknown[]) => unknown

export function perVuInit (init: () => Exports): Exports {
  const first = init()
  // Keyed by the VU object: a VU keeps its copy across scenarios, as k6's VU keeps its runtime.
  const byVu = new WeakMap<object, Exports>()
  const instanceOfCaller = (): Exports => {
    const vu = maybeCurrentVu()
    if (vu === undefined) return first
    let own = byVu.get(vu)
    if (own === undefined) {
      own = runInitContext(init)
      byVu.set(vu, own)
    }
    return own
  }
  const exports: Exports = {}
  for (const [name, value] of Object.entries(first)) exports[name] = typeof value === 'function' ? forward(name, instanceOfCaller) : value
  return exports
}

function forward (name: string, instanceOfCaller: () => Exports): Forwarded {
  return function (this: unknown, ...args: unknown[]): unknown {
    return (instanceOfCaller()[name] as Forwarded).apply(this, args)
  }
}
