/**
 * The compiled CLI, as users run it after `make build` (no tsx, no loader
 * hooks): both parts of bench:load measure it. Built into node_modules/.cache
 * so that packages resolve and dist/ is left alone, and rebuilt whenever a
 * source file is newer than the build (a stale build would measure old code).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { buildSync } from 'esbuild'

const root = fileURLToPath(new URL('../../../../', import.meta.url))
export const COMPILED_DIR = `${root}node_modules/.cache/mib-bench-dist`
export const COMPILED_CLI = `${COMPILED_DIR}/cli/main.js`
/** The compiled load runner module (what `runLoadTest` is imported from in part 1). */
export const COMPILED_RUNNER_URL = pathToFileURL(`${COMPILED_DIR}/lab/load/run.js`).href

export function buildCompiledCli (rebuild: boolean): void {
  if (!rebuild && existsSync(COMPILED_CLI) && newestMtimeMs(`${root}src`) <= statSync(COMPILED_CLI).mtimeMs) return
  // tsc emits even when files outside the runner have type errors; only a missing CLI is fatal.
  spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`, '--outDir', COMPILED_DIR], { stdio: 'ignore' })
  if (!existsSync(COMPILED_CLI)) throw new Error(`could not compile the CLI into ${COMPILED_DIR}`)
}

/**
 * A bench harness file (TypeScript) as plain JavaScript beside the build, so
 * its child runs on bare `node` like the CLI. Returns the .mjs path.
 */
export function compileHarness (file: string): string {
  const out = join(COMPILED_DIR, 'bench', `${file.replace(/^.*\//, '').replace(/\.ts$/, '')}.mjs`)
  buildSync({ entryPoints: [file], outfile: out, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' })
  return out
}

function newestMtimeMs (dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs)
  }
  return newest
}
