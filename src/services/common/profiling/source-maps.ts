/**
 * Maps compiled positions (dist/…/x.js:120) back to the TypeScript sources
 * (src/…/x.ts:97) in profiles, so `top` and flame graphs name the lines an
 * engineer edits. Only for the compiled build: under tsx the code V8 runs is
 * transformed in memory and has no map file to read.
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SourceMapper } from '@datadog/pprof'
import type { Logger } from '../logger.js'
import { pprof, pprofPackageDir } from './samplers.js'

/** dist/ when this module is compiled JavaScript (dist/services/common/profiling/source-maps.js). */
function compiledRoot (): string | undefined {
  const here = fileURLToPath(import.meta.url)
  if (!here.endsWith('.js')) return undefined
  return resolve(dirname(here), '..', '..', '..')
}

let mapper: Promise<SourceMapper | undefined> | undefined

/** Loaded once, on the first profile that needs it (scanning dist/ takes a moment, not worth it at start-up). */
export async function sourceMapper (logger: Logger): Promise<SourceMapper | undefined> {
  mapper ??= (async () => {
    const root = compiledRoot()
    if (root === undefined) return undefined
    try {
      return await pprof().SourceMapper.create([root])
    } catch (err) {
      // Profiles stay correct without it, only with compiled positions.
      logger.warn({ err, root }, 'source maps not loaded: profiles show compiled JavaScript positions')
      return undefined
    }
  })()
  return await mapper
}

/**
 * Allocations made by the profiler itself while serializing are not the
 * service's: heap profiles leave out stacks through this directory.
 */
export function profilerOwnPath (): string {
  return pprofPackageDir()
}
