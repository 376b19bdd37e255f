/**
 * The compiled CLI, as users run it after `make build` (no tsx, no loader
 * hooks): memory is measured on it. Built into node_modules/.cache so that
 * packages resolve and dist/ is left alone.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))
export const COMPILED_DIR = `${root}node_modules/.cache/mib-bench-dist`
export const COMPILED_CLI = `${COMPILED_DIR}/cli/main.js`

export function buildCompiledCli (rebuild: boolean): void {
  if (!rebuild && existsSync(COMPILED_CLI)) return
  // tsc emits even when files outside the runner have type errors; only a missing CLI is fatal.
  spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', `${root}tsconfig.build.json`, '--outDir', COMPILED_DIR], { stdio: 'ignore' })
  if (!existsSync(COMPILED_CLI)) throw new Error(`could not compile the CLI into ${COMPILED_DIR}`)
}
