/**
 * Loads a test script (TypeScript or JavaScript) and checks its exports:
 * `options`, a default function (one VU iteration) or the scenarios' `exec`
 * functions, and optionally `setup`, `teardown`, `handleSummary` and
 * `presets` (mib: named option sets picked with --preset).
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { ScriptExportError, ScriptLoadError, ScriptNotFoundError } from '../errors.js'
import type { ExecFunction } from '../runtime/scenario-runner.js'
import { scriptErrorText } from '../runtime/script-error.js'
import { bundleScript, type ScriptBundle } from './bundle.js'

export type SummaryHandler = (data: unknown) => unknown

export interface LoadedScript {
  readonly path: string
  readonly url: string
  /** `options` as exported (validated later, with the CLI overrides). */
  readonly options: unknown
  readonly presets: Readonly<Record<string, unknown>> | undefined
  /** Every exported function, by export name ("default" included). */
  readonly functions: Readonly<Record<string, ExecFunction>>
  readonly setup: ExecFunction | undefined
  readonly teardown: ExecFunction | undefined
  readonly handleSummary: SummaryHandler | undefined
}

/** Bundles the script (see bundle.ts) and loads it in this thread. */
export async function loadScript (path: string): Promise<LoadedScript> {
  const { script, bundle } = await loadScriptBundle(path)
  await bundle.dispose()
  return script
}

/**
 * Like loadScript, and keeps the bundle for worker threads to import
 * (importScript); the caller disposes of it once they have.
 */
export async function loadScriptBundle (path: string): Promise<{ script: LoadedScript, bundle: ScriptBundle }> {
  const absolute = resolve(path)
  if (!existsSync(absolute) || !statSync(absolute).isFile()) throw new ScriptNotFoundError(path)
  const bundle = await bundleScript(absolute)
  try {
    return { script: await importScript(absolute, bundle.url), bundle }
  } catch (err) {
    await bundle.dispose()
    throw err
  }
}

/** Imports an already bundled script (worker threads load the main thread's bundle). */
export async function importScript (path: string, bundleUrl: string): Promise<LoadedScript> {
  // Stack traces of script errors point into the script's own lines (the bundle carries a source map).
  process.setSourceMapsEnabled(true)
  let namespace: Record<string, unknown>
  try {
    namespace = await import(bundleUrl) as Record<string, unknown>
  } catch (err) {
    const error = new ScriptLoadError(path, scriptErrorText(err))
    Object.defineProperty(error, 'cause', { value: err, enumerable: false })
    throw error
  }
  return describeExports(path, bundleUrl, namespace)
}

export function describeExports (path: string, url: string, namespace: Record<string, unknown>): LoadedScript {
  const problems: string[] = []
  const functions: Record<string, ExecFunction> = {}
  for (const [name, value] of Object.entries(namespace)) {
    if (typeof value === 'function') functions[name] = value as ExecFunction
  }
  const optional = (name: string): ExecFunction | undefined => {
    const value = namespace[name]
    if (value === undefined) return undefined
    if (typeof value !== 'function') { problems.push(`"${name}" must be a function`); return undefined }
    return value as ExecFunction
  }
  const setup = optional('setup')
  const teardown = optional('teardown')
  const handleSummary = optional('handleSummary')
  const options = namespace.options
  if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) problems.push('"options" must be an object')
  const presets = namespace.presets
  if (presets !== undefined && (typeof presets !== 'object' || presets === null || Array.isArray(presets))) problems.push('"presets" must be an object of option sets')
  if (problems.length > 0) throw new ScriptExportError(problems.join('; '))
  return {
    path,
    url,
    options,
    presets: presets as Record<string, unknown> | undefined,
    functions,
    setup,
    teardown,
    handleSummary: handleSummary as SummaryHandler | undefined
  }
}
