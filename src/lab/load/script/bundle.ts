/**
 * Scripts are bundled with esbuild before they run (as k6 does): TypeScript
 * or JavaScript, with their relative imports and packages, into one ES module
 * in a temporary directory. So a script runs as is, in any folder (even one
 * whose package.json says CommonJS), with no loader hooks (no hooks thread:
 * less memory per worker), and `market-intel-brain/load` always resolves to
 * the runner's own copy of the API (the script and the runner share its state).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, extname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build, stop, type BuildFailure, type OutputFile, type Plugin } from 'esbuild'
import { ScriptLoadError } from '../errors.js'
import { k6Plugin, type K6Usage } from '../k6/plugin.js'
import { transformK6Bundle } from '../k6/transform-bundle.js'

export const API_SPECIFIER = 'market-intel-brain/load'

export interface ScriptBundle {
  /** file: URL of the bundled module. */
  readonly url: string
  /** Deletes the bundle (after every thread has loaded it). */
  dispose: () => Promise<void>
}

/** The API module next to this file (.ts from the sources, .js once compiled). */
export function apiModulePath (): string {
  return fileURLToPath(new URL(`../api/index${extname(fileURLToPath(import.meta.url))}`, import.meta.url))
}

const apiPlugin = (apiPath: string): Plugin => ({
  name: 'mib-load-api',
  setup (b) {
    b.onResolve({ filter: /^market-intel-brain\/load$/ }, () => ({ path: apiPath, external: true }))
  }
})

// Bundled CommonJS packages may call require(): give the ES module one.
const REQUIRE_SHIM = "import { createRequire as __mibCreateRequire } from 'node:module'; const require = __mibCreateRequire(import.meta.url);"

// Builds in flight in this process: the last one to end stops esbuild's service.
let building = 0

export async function bundleScript (path: string): Promise<ScriptBundle> {
  const dir = await mkdtemp(join(tmpdir(), 'mib-load-'))
  try {
    const file = join(dir, `${basename(path).replace(/\.[^.]+$/, '')}.mjs`)
    const usage: K6Usage = { used: false }
    const { code, map } = await buildBundle(path, file, usage)
    // k6 scripts block (http.get returns a response): made asynchronous here, where every module of the script is in one scope.
    const runnable = usage.used ? transformK6Bundle(path, code, map, dir, (text) => { process.stderr.write(text) }) : code
    await writeFile(`${file}.map`, map)
    // Linked, so a script error's stack names the script's file:line (loader.ts enables source maps; Node maps a stack only when it is formatted).
    await writeFile(file, `${runnable}\n//# sourceMappingURL=${basename(file)}.map\n`)
    return {
      url: pathToFileURL(file).href,
      dispose: async () => { await rm(dir, { recursive: true, force: true }) }
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true })
    throw err
  }
}

async function buildBundle (path: string, outfile: string, usage: K6Usage): Promise<{ code: string, map: string }> {
  building++
  try {
    const result = await build({
      entryPoints: [path],
      outfile,
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'external',
      logLevel: 'silent',
      banner: { js: REQUIRE_SHIM },
      plugins: [apiPlugin(apiModulePath()), k6Plugin(usage)]
    })
    const text = (suffix: string): string => (result.outputFiles.find((f: OutputFile) => f.path.endsWith(suffix)) as OutputFile).text
    return { code: text('.mjs'), map: text('.mjs.map') }
  } catch (err) {
    throw new ScriptLoadError(path, describeBuildFailure(err))
  } finally {
    // esbuild keeps its service process (~12 MB RSS) for the next build; a test bundles once.
    if (--building === 0) await stop()
  }
}

function describeBuildFailure (err: unknown): string {
  const errors = (err as Partial<BuildFailure>).errors
  if (!Array.isArray(errors) || errors.length === 0) return err instanceof Error ? err.message : String(err)
  return errors.map((e) => e.location === null || e.location === undefined
    ? e.text
    : `${e.location.file}:${e.location.line}:${e.location.column + 1}: ${e.text}\n    ${e.location.lineText}`).join('\n')
}
