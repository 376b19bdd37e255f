/**
 * Maps the positions V8 reports back to the TypeScript sources, so `top` and
 * flame graphs name lines an engineer can open. Two layers, asked in order:
 * - Node's own source-map cache (module.findSourceMap): under tsx, V8 runs code
 *   transformed in memory (all on one line) whose inline map Node keeps; also
 *   any build run with --enable-source-maps;
 * - the compiled build (dist/…/x.js): the .js.map file of each compiled file,
 *   read the first time a profile names that file, then kept.
 *
 * The second layer replaced @datadog/pprof's SourceMapper, which scanned and
 * parsed every map under dist/ (351 files, ~0.3 s of CPU) before the first
 * profile could start — a service under load answered its first 2 s profile
 * after 5.5 s — and then found none of them: V8 names ES modules by `file://`
 * URL, which that mapper compared against plain paths.
 */
import { readFileSync } from 'node:fs'
import { findSourceMap, SourceMap, type SourceMapPayload } from 'node:module'
import { dirname, isAbsolute, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SourceMapper } from '@datadog/pprof'
import type { Logger } from '../logger.js'
import { pprofPackageDir } from './samplers.js'

/** What @datadog/pprof's serializer hands to `mappingInfo` and takes back (line and column 1-based). */
type GeneratedLocation = Parameters<SourceMapper['mappingInfo']>[0]
type SourceLocation = ReturnType<SourceMapper['mappingInfo']>

/** One way of finding the map of a generated file; undefined when it has none. */
type MapLookup = (file: string) => SourceMap | undefined

/** The tail of a compiled file that holds its `//# sourceMappingURL=` comment (tsc writes it last). */
const SOURCE_MAPPING_TAIL_BYTES = 4096

/** dist/ when this module is compiled JavaScript (dist/services/common/profiling/source-maps.js). */
function compiledRoot (): string | undefined {
  const here = fileURLToPath(import.meta.url)
  if (!here.endsWith('.js')) return undefined
  return resolve(dirname(here), '..', '..', '..')
}

function toPath (source: string): string {
  return source.startsWith('file://') ? fileURLToPath(source) : source
}

/** Asks each lookup in turn for the file's map and maps the position with the first one found. */
export class LayeredSourceMapper {
  readonly #lookups: MapLookup[]
  constructor (lookups: MapLookup[]) { this.#lookups = lookups }

  mappingInfo (location: GeneratedLocation): SourceLocation {
    if (location.line <= 0 || location.file === '' || location.file.startsWith('node:')) return location
    for (const lookup of this.#lookups) {
      const map = lookup(location.file)
      if (map !== undefined) return originalPosition(map, location) ?? location
    }
    return location
  }
}

function originalPosition (map: SourceMap, location: GeneratedLocation): SourceLocation | undefined {
  const line = location.line - 1
  const entry = map.findEntry(line, Math.max(location.column - 1, 0)) as Partial<{ generatedLine: number, originalSource: string, originalLine: number, originalColumn: number }>
  // findEntry falls back to the last mapping of an earlier line: that would name the wrong line.
  if (entry.generatedLine !== line || entry.originalSource === undefined || entry.originalLine === undefined) return undefined
  return {
    file: toPath(entry.originalSource),
    line: entry.originalLine + 1,
    column: (entry.originalColumn ?? 0) + 1,
    ...(location.name === undefined ? {} : { name: location.name })
  }
}

/** Node's cache: present for modules Node loaded with source maps enabled (tsx, --enable-source-maps). */
function nodeCache (file: string): SourceMap | undefined {
  return findSourceMap(file)
}

/**
 * The map files of compiled files under `roots`, each read on first use and
 * kept (hits and misses) for the life of the process: a profile names a few
 * dozen of our files, so the first profile reads a few dozen small maps, after
 * its window, instead of every map before it.
 */
export function compiledFileMaps (roots: string[], logger: Pick<Logger, 'warn'>): MapLookup {
  const prefixes = roots.map((root) => resolve(root) + sep)
  const cache = new Map<string, SourceMap | undefined>()
  let warned = false
  return (file) => {
    const path = toPath(file)
    if (!isAbsolute(path) || !prefixes.some((prefix) => path.startsWith(prefix))) return undefined
    if (cache.has(path)) return cache.get(path)
    let map: SourceMap | undefined
    try {
      map = readMapOf(path)
    } catch (err) {
      // Profiles stay correct without it, only with compiled positions for this file.
      if (!warned) logger.warn({ err, file: path }, 'source map not loaded: profiles may show compiled JavaScript positions')
      warned = true
    }
    cache.set(path, map)
    return map
  }
}

/** The map named by the file's sourceMappingURL comment (a file or an inline data: URL), else `<file>.map`. */
function readMapOf (file: string): SourceMap | undefined {
  const code = readFileSync(file, 'utf8')
  const url = /\/\/[#@] sourceMappingURL=(\S+)\s*$/.exec(code.slice(-SOURCE_MAPPING_TAIL_BYTES))?.[1]
  let payload: SourceMapPayload
  let base: string
  if (url?.startsWith('data:') === true) {
    const comma = url.indexOf(',')
    const data = url.slice(comma + 1)
    payload = JSON.parse(url.slice(0, comma).endsWith(';base64') ? Buffer.from(data, 'base64').toString('utf8') : decodeURIComponent(data)) as SourceMapPayload
    base = dirname(file)
  } else {
    const mapFile = url === undefined ? `${file}.map` : resolve(dirname(file), decodeURIComponent(url))
    try {
      payload = JSON.parse(readFileSync(mapFile, 'utf8')) as SourceMapPayload
    } catch (err) {
      if (url === undefined && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined // not compiled with maps
      throw err
    }
    base = dirname(mapFile)
  }
  // Sources are relative to the map (and its sourceRoot); Node's cache resolves them, a bare SourceMap does not.
  const root = resolve(base, payload.sourceRoot ?? '')
  return new SourceMap({ ...payload, sources: payload.sources.map((s) => s.startsWith('file://') ? s : resolve(root, s)) })
}

let mapper: SourceMapper | undefined

/** One per process; cheap to build (maps are read when a profile first names their file). */
export function sourceMapper (logger: Logger): SourceMapper {
  const root = compiledRoot()
  // The serializer only calls mappingInfo(): this duck-typed mapper is all it needs.
  mapper ??= new LayeredSourceMapper(root === undefined ? [nodeCache] : [nodeCache, compiledFileMaps([root], logger)]) as unknown as SourceMapper
  return mapper
}

/**
 * Allocations made by the profiler itself while serializing are not the
 * service's: heap profiles leave out stacks through this directory.
 */
export function profilerOwnPath (): string {
  return pprofPackageDir()
}
