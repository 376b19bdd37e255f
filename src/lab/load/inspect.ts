/**
 * `k6 inspect`'s counterpart: loads a script and resolves its options (preset,
 * CLI overrides, time scale) without running anything, so a caller can see
 * the schedule in advance — the perf-test workflow uses it to profile inside
 * the peak stage.
 */
import { MetricRegistry } from './metrics/index.js'
import { Emitter } from './runtime/emitter.js'
import { installThreadState } from './runtime/thread-state.js'
import { loadScript } from './script/loader.js'
import { resolveOptions, type CliOverrides } from './script/resolve-options.js'
import type { ValidatedOptions } from './script/options-schema.js'

export interface InspectOptions {
  script: string
  preset?: string
  cli?: CliOverrides
  timeScale?: number
  /** --fast-forward (see script/time-scale.ts). */
  fastForward?: boolean
  env?: Record<string, string>
}

export async function inspectLoadTest (options: InspectOptions): Promise<ValidatedOptions> {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
  Object.assign(env, options.env, options.preset === undefined ? {} : { PRESET: options.preset })
  // Module-level script code (custom metric constructors, env reads) needs a
  // thread state; a throwaway registry receives whatever it defines.
  installThreadState({ emitter: new Emitter(MetricRegistry.withBuiltins()), env })
  const script = await loadScript(options.script)
  return resolveOptions({ script, preset: options.preset, cli: options.cli ?? {}, timeScale: options.timeScale ?? 1, fastForward: options.fastForward ?? false })
}
