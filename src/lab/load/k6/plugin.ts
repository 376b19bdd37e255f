/**
 * k6's module names and jslib URLs, resolved at bundle time to the runner's
 * own k6 modules (./modules): `import http from 'k6/http'` runs here as is.
 * There is no network at run time, so the jslib libraries scripts use most
 * are built in; any other remote import is an error that names it.
 */
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'esbuild'

/** k6 module → file in ./modules (without extension). */
const MODULES: Readonly<Record<string, string>> = {
  k6: 'k6',
  'k6/http': 'http',
  'k6/metrics': 'metrics',
  'k6/ws': 'ws',
  'k6/execution': 'execution',
  'k6/data': 'data',
  'k6/encoding': 'encoding',
  'k6/crypto': 'crypto'
}

/** jslib.k6.io libraries built in, by library name (any version). */
const JSLIB: Readonly<Record<string, string>> = {
  'k6-summary': 'jslib-summary',
  'k6-utils': 'jslib-utils'
}

/** What to use instead of the k6 modules that are not here. */
const UNSUPPORTED_HINTS: Readonly<Record<string, string>> = {
  'k6/browser': 'browser testing is not supported; test the HTTP API with k6/http',
  'k6/experimental/browser': 'browser testing is not supported; test the HTTP API with k6/http',
  'k6/net/grpc': 'gRPC is not supported by mib load yet; run this script on the k6 binary',
  'k6/html': 'HTML parsing (res.html(), parseHTML) is not supported; use res.body with a regular expression, or res.json()',
  'k6/experimental/websockets': 'use k6/ws (the callback API: ws.connect(url, params, (socket) => { ... }))',
  'k6/timers': 'timers are available as socket.setTimeout/setInterval inside ws.connect; elsewhere use sleep()'
}

export function k6ModulePath (file: string): string {
  return fileURLToPath(new URL(`./modules/${file}${extname(fileURLToPath(import.meta.url))}`, import.meta.url))
}

/** Set while bundling: whether the script imports any k6 module (then it gets the transform). */
export interface K6Usage { used: boolean }

export function k6Plugin (usage: K6Usage): Plugin {
  const paths = new Map<string, string>()
  for (const [name, file] of Object.entries(MODULES)) paths.set(k6ModulePath(file), name)
  return {
    name: 'mib-k6-modules',
    setup (b) {
      b.onResolve({ filter: /^k6(\/.*)?$/ }, (args) => {
        const file = MODULES[args.path]
        if (file === undefined) {
          const hint = UNSUPPORTED_HINTS[args.path] ?? `mib load provides ${Object.keys(MODULES).join(', ')}`
          return { errors: [{ text: `k6 module "${args.path}" is not supported by mib load: ${hint}` }] }
        }
        usage.used = true
        return { path: k6ModulePath(file), external: true }
      })
      b.onResolve({ filter: /^https?:\/\// }, (args) => {
        const library = /^https?:\/\/jslib\.k6\.io\/([^/]+)\//.exec(args.path)?.[1]
        const file = library === undefined ? undefined : JSLIB[library]
        if (file === undefined) {
          return { errors: [{ text: `remote module ${args.path} cannot be loaded: mib load has no network at run time and builds in only ${Object.keys(JSLIB).map((l) => `jslib.k6.io/${l}`).join(' and ')}; download the file next to the script and import it by its relative path` }] }
        }
        usage.used = true
        return { path: k6ModulePath(file), external: true }
      })
    }
  }
}

/** The k6 module an import specifier of the bundle stands for (the bundle imports the module files by path). */
export function k6ModuleOfBundleImport (specifier: string): string | undefined {
  for (const [name, file] of Object.entries(MODULES)) if (specifier === k6ModulePath(file)) return name
  return undefined
}
