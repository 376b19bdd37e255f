/**
 * Module hooks so a script runs as is, in any folder, from the sources or the
 * compiled CLI, in the main thread or a worker:
 *  - tsx compiles TypeScript on the fly (no build step for the user);
 *  - `market-intel-brain/load` resolves to THIS copy of the API module (the
 *    runner's own instance, so the script and the runner share its state),
 *    also outside this repository where package self-reference cannot work;
 *  - scripts load as ES modules even in a folder whose package.json (or its
 *    absence) says CommonJS: k6 scripts are ES modules.
 */
import { register as registerHooks } from 'node:module'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { register as registerTsx } from 'tsx/esm/api'

export const API_SPECIFIER = 'market-intel-brain/load'

let installed = false

/** The URL of the API module next to this file (.ts from the sources, .js once compiled). */
export function apiModuleUrl (): string {
  return new URL(`../api/index${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href
}

/**
 * Installs the hooks in this thread, once. tsx is registered unless `tsx` is
 * false or this file is TypeScript itself (then tsx is running already).
 */
export function installScriptHooks (options: { tsx?: boolean } = {}): void {
  if (installed) return
  installed = true
  const fromSources = extname(fileURLToPath(import.meta.url)) === '.ts'
  if (options.tsx !== false && !fromSources) registerTsx()
  registerHooks(`data:text/javascript,${encodeURIComponent(resolveHookSource(apiModuleUrl()))}`)
}

/** The resolve hook, as source text: hooks run on the loader thread, so it must stand alone. */
export function resolveHookSource (apiUrl: string): string {
  return `
const API_URL = ${JSON.stringify(apiUrl)};
const SCRIPT_FILE = /\\.(ts|mts|tsx|js|jsx)(\\?.*)?$/;
export async function resolve (specifier, context, next) {
  if (specifier === ${JSON.stringify(API_SPECIFIER)}) return { url: API_URL, format: 'module', shortCircuit: true };
  const resolved = await next(specifier, context);
  if (resolved.url.startsWith('file:') && !resolved.url.includes('/node_modules/') && SCRIPT_FILE.test(resolved.url) && resolved.format !== 'module') {
    return { ...resolved, format: 'module' };
  }
  return resolved;
}
`
}
