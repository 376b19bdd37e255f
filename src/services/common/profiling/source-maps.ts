/**
 * Maps the positions V8 reports back to the TypeScript sources, so `top` and
 * flame graphs name lines an engineer can open. Two cases:
 * - under tsx, V8 runs code transformed in memory (all on one line): Node
 *   keeps its inline source map (module.findSourceMap), which we ask first;
 * - the compiled build (dist/…/x.js) has .js.map files next to it, which
 *   @datadog/pprof's SourceMapper reads when Node's own maps are off.
 */
import { findSourceMap } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SourceMapper } from '@datadog/pprof'
import type { Logger } from '../logger.js'
import { pprof, pprofPackageDir } from './samplers.js'

/** What @datadog/pprof's serializer hands to `mappingInfo` and takes back (line and column 1-based). */
type GeneratedLocation = Parameters<SourceMapper['mappingInfo']>[0]
type SourceLocation = ReturnType<SourceMapper['mappingInfo']>

/** dist/ when this module is compiled JavaScript (dist/services/common/profiling/source-maps.js). */
function compiledRoot (): string | undefined {
  const here = fileURLToPath(import.meta.url)
  if (!here.endsWith('.js')) return undefined
  return resolve(dirname(here), '..', '..', '..')
}

function toPath (source: string): string {
  return source.startsWith('file://') ? fileURLToPath(source) : source
}

/** Node's source-map cache first (tsx, --enable-source-maps), then the map files of dist/. */
class LayeredSourceMapper {
  readonly #files: SourceMapper | undefined
  constructor (files: SourceMapper | undefined) { this.#files = files }

  mappingInfo (location: GeneratedLocation): SourceLocation {
    return this.#fromNodeCache(location) ?? this.#files?.mappingInfo(location) ?? location
  }

  #fromNodeCache (location: GeneratedLocation): SourceLocation | undefined {
    if (location.line <= 0 || location.file === '' || location.file.startsWith('node:')) return undefined
    const map = findSourceMap(location.file)
    if (map === undefined) return undefined
    const entry = map.findEntry(location.line - 1, Math.max(location.column - 1, 0)) as Partial<{ originalSource: string, originalLine: number, originalColumn: number, name: string }>
    if (entry.originalSource === undefined || entry.originalLine === undefined) return undefined
    return {
      file: toPath(entry.originalSource),
      line: entry.originalLine + 1,
      column: (entry.originalColumn ?? 0) + 1,
      ...(location.name === undefined ? {} : { name: location.name })
    }
  }
}

let mapper: Promise<SourceMapper> | undefined

/** Built once, on the first profile that needs it (scanning dist/ takes a moment, not worth it at start-up). */
export async function sourceMapper (logger: Logger): Promise<SourceMapper> {
  mapper ??= (async () => {
    const root = compiledRoot()
    let files: SourceMapper | undefined
    if (root !== undefined) {
      try {
        files = await pprof().SourceMapper.create([root])
      } catch (err) {
        // Profiles stay correct without it, only with compiled positions.
        logger.warn({ err, root }, 'source map files not loaded: profiles may show compiled JavaScript positions')
      }
    }
    // The serializer only calls mappingInfo(): this duck-typed mapper is all it needs.
    return new LayeredSourceMapper(files) as unknown as SourceMapper
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
