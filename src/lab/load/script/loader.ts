/**
 * Loads a test script (TypeScript or JavaScript) and checks its exports:
 * `options`, a default function (one VU iteration) or the scenarios' `exec`
 * functions, and optionally `setup`, `teardown`, `handleSummary` and
 * `presets` (mib: named option sets picked with --preset).
 */
import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ScriptExportError, ScriptLoadError, ScriptNotFoundError } from '../errors.js'
import type { ExecFunction } from '../engine/engine.js'
import { installScriptHooks } from './hooks.js'

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

export async function loadScript (path: string): Promise<LoadedScript> {
  const absolute = resolve(path)
  if (!existsSync(absolute) || !statSync(absolute).isFile()) throw new ScriptNotFoundError(path)
  installScriptHooks()
  const url = freshUrl(absolute)
  let namespace: Record<string, unknown>
  try {
    namespace = await import(url) as Record<string, unknown>
  } catch (err) {
    const error = new ScriptLoadError(path, err instanceof Error ? (err.stack ?? err.message) : String(err))
    Object.defineProperty(error, 'cause', { value: err, enumerable: false })
    throw error
  }
  return describeExports(absolute, url, namespace)
}

const loads = new Map<string, number>()

/**
 * The script's URL; from its second load in a process on, with a query that
 * makes the module evaluate afresh (its options may depend on env).
 */
function freshUrl (path: string): string {
  const count = (loads.get(path) ?? 0) + 1
  loads.set(path, count)
  const url = pathToFileURL(path).href
  return count === 1 ? url : `${url}?mib-run=${count}`
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
