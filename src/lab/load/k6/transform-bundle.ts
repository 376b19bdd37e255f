/**
 * Runs the k6 transform on a script's bundle, and reports what it cannot
 * handle at the script's own lines (through the bundle's source map).
 * A script that needs an init context per VU imports modules/vu-init.
 */
import { SourceMap } from 'node:module'
import { dirname, relative, resolve } from 'node:path'
import { K6ScriptUnsupportedError } from '../errors.js'
import { k6ModuleOfBundleImport, k6ModulePath } from './plugin.js'
import { SCRIPT_DIR_SYMBOL } from './modules/script-dir.js'
import { transformK6Script, type Problem } from './transform/index.js'

interface RawSourceMap { sources: string[], sourcesContent?: Array<string | null> }

export function transformK6Bundle (scriptPath: string, code: string, map: string, bundleDir: string, warn: (text: string) => void): string {
  const result = transformK6Script(code, { moduleOf: k6ModuleOfBundleImport, perVuInitModule: k6ModulePath('vu-init') })
  if (result.ok && result.warnings.length > 0) {
    const located = new Locator(code, map, bundleDir)
    warn(`WARN k6 script ${scriptPath} runs, with this difference from k6:\n${result.warnings.map((w) => located.describe(w)).join('\n')}\n`)
  }
  // open() resolves relative paths against the script's folder (set on the first line: no line moves).
  if (result.ok) return `globalThis[Symbol.for(${JSON.stringify(SCRIPT_DIR_SYMBOL)})] = ${JSON.stringify(resolve(dirname(scriptPath)))}; ${result.code}`
  const located = new Locator(code, map, bundleDir)
  throw new K6ScriptUnsupportedError(scriptPath, result.problems.map((p) => located.describe(p)).join('\n'))
}

class Locator {
  readonly #lineStarts: number[] = [0]
  readonly #map: SourceMap
  readonly #raw: RawSourceMap
  readonly #dir: string

  constructor (code: string, map: string, dir: string) {
    for (let i = code.indexOf('\n'); i !== -1; i = code.indexOf('\n', i + 1)) this.#lineStarts.push(i + 1)
    this.#raw = JSON.parse(map) as RawSourceMap
    this.#map = new SourceMap(this.#raw as unknown as ConstructorParameters<typeof SourceMap>[0])
    this.#dir = dir
  }

  /** "script.js:12:5: message\n    <the line>" */
  describe (problem: Problem): string {
    let line = 0
    while (line + 1 < this.#lineStarts.length && (this.#lineStarts[line + 1] as number) <= problem.pos) line++
    const column = problem.pos - (this.#lineStarts[line] as number)
    const entry = this.#map.findEntry(line, column) as { originalSource?: string, originalLine?: number, originalColumn?: number }
    if (entry.originalSource === undefined || entry.originalLine === undefined) return `  ${problem.message}`
    const index = this.#raw.sources.findIndex((s) => entry.originalSource?.endsWith(s) === true)
    const text = index === -1 ? undefined : this.#raw.sourcesContent?.[index]?.split('\n')[entry.originalLine]
    const absolute = resolve(this.#dir, entry.originalSource.startsWith('file://') ? new URL(entry.originalSource).pathname : entry.originalSource)
    const nearby = relative(process.cwd(), absolute)
    const file = nearby.startsWith('..') ? absolute : nearby
    const where = `${file}:${entry.originalLine + 1}:${(entry.originalColumn ?? 0) + 1}`
    return `  ${where}: ${problem.message}${text === undefined ? '' : `\n      ${text.trim()}`}`
  }
}
