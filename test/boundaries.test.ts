/**
 * The layout's import boundaries (ARCHITECTURE.md), checked on the source text:
 * every static import, re-export and dynamic import() of a relative path in the
 * sources (tests excluded: they may drive the CLI), and that test support stays
 * out of dist/ (tsconfig.build.json leaves out *.test.ts and fixtures/ folders).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SRC = join(ROOT, 'src')

interface Edge { from: string, to: string }

function sources (dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) sources(path, out)
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(path)
  }
  return out
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm

/** Every relative import of the shipped sources, as paths relative to src/. */
function importEdges (): Edge[] {
  const edges: Edge[] = []
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(SPECIFIER)) {
      const target = resolve(dirname(file), m[1] ?? '')
      edges.push({ from: relative(SRC, file), to: relative(SRC, target).replace(/\.js$/, '.ts') })
    }
  }
  return edges
}

const edges = importEdges()
const under = (path: string, dir: string): boolean => path.startsWith(`${dir}/`)
const violations = (rule: (e: Edge) => boolean): string[] => edges.filter(rule).map((e) => `${e.from} → ${e.to}`)

test('the scan sees the imports it judges (a broken pattern would pass every rule)', () => {
  assert.ok(edges.length > 500, `${edges.length} imports found`)
  assert.ok(edges.some((e) => e.from === 'cli/main.ts' && e.to === 'cli/commands/index.ts'))
  assert.ok(edges.some((e) => under(e.from, 'cli/commands') && under(e.to, 'lab/load')), 'dynamic import() is seen')
})

test('lab/load never imports lab/report: the results directory\'s format lives in lab/results-dir', () => {
  assert.deepEqual(violations((e) => under(e.from, 'lab/load') && under(e.to, 'lab/report')), [])
})

test('the lab\'s components import each other without a cycle', () => {
  const component = (path: string): string | undefined => /^lab\/([^/]+)\//.exec(path)?.[1]
  const graph = new Map<string, Set<string>>()
  for (const e of edges) {
    const [a, b] = [component(e.from), component(e.to)]
    if (a === undefined || b === undefined || a === b) continue
    graph.set(a, (graph.get(a) ?? new Set()).add(b))
  }
  const cycles: string[] = []
  const visit = (node: string, path: string[]): void => {
    if (path.includes(node)) { cycles.push([...path.slice(path.indexOf(node)), node].join(' → ')); return }
    for (const next of graph.get(node) ?? []) visit(next, [...path, node])
  }
  for (const start of graph.keys()) visit(start, [])
  assert.deepEqual(cycles, [])
})

test('nothing under lab/, workflow/ or services/ imports cli/', () => {
  assert.deepEqual(violations((e) => ['lab', 'workflow', 'services'].some((d) => under(e.from, d)) && under(e.to, 'cli')), [])
})

test('only cli/ imports workflow/; the lab never imports the services', () => {
  assert.deepEqual(violations((e) => !under(e.from, 'workflow') && !under(e.from, 'cli') && under(e.to, 'workflow')), [])
  assert.deepEqual(violations((e) => under(e.from, 'lab') && under(e.to, 'services')), [])
})

const FIXTURES = /(^|\/)fixtures\//
const ships = (path: string): boolean => !FIXTURES.test(path)

/**
 * Shipped modules no shipped module imports: loaded by path at run time. A new
 * one belongs here with its loader named, or is test support (move it under fixtures/).
 */
const LOADED_BY_PATH: Array<[RegExp, string]> = [
  [/^cli\/main\.ts$/, 'bin/mib.js'],
  [/^lab\/load\/api\/index\.ts$/, 'package.json exports ./load'],
  [/^lab\/load\/k6\/modules\/[^/]+\.ts$/, 'lab/load/k6/plugin.ts (k6/* module specifiers)'],
  [/^lab\/load\/worker\/entry\.ts$/, 'lab/load/worker/pool.ts (worker thread entry)']
]

test('no shipped module imports test support from a fixtures/ folder (it is not in dist/)', () => {
  assert.deepEqual(violations((e) => ships(e.from) && !ships(e.to)), [])
})

test('every shipped module is used by shipped code: a module only tests import is test support and belongs under fixtures/', () => {
  const usedBy = new Set(edges.filter((e) => ships(e.from)).map((e) => e.to))
  const orphans = sources(SRC).map((file) => relative(SRC, file))
    .filter((path) => ships(path) && !usedBy.has(path))
  assert.deepEqual(orphans.filter((path) => !LOADED_BY_PATH.some(([pattern]) => pattern.test(path))), [])
  for (const [pattern, loader] of LOADED_BY_PATH) assert.ok(orphans.some((path) => pattern.test(path)), `${String(pattern)} (${loader}) matches nothing: drop it`)
})

/** Static imports only (no `import type`, no dynamic import()): what loading a module loads at once. */
const STATIC_SPECIFIER = /^\s*(?:import|export)\s+(?!type\b)(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]/gm

/** Every module and package `entry` loads before it runs, each with the module that imports it. */
function staticClosure (entry: string): Map<string, string> {
  const importer = new Map<string, string>([[entry, '']])
  const queue = [entry]
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (!file.endsWith('.ts')) continue
    for (const m of readFileSync(join(SRC, file), 'utf8').matchAll(STATIC_SPECIFIER)) {
      const specifier = m[1] ?? ''
      const target = specifier.startsWith('.') ? relative(SRC, resolve(dirname(join(SRC, file)), specifier)).replace(/\.js$/, '.ts') : specifier
      if (importer.has(target)) continue
      importer.set(target, file)
      queue.push(target)
    }
  }
  return importer
}

test('the CLI starts light: its entry loads no service and no server library; each command loads its component on use', () => {
  // A `mib load` main thread that loaded the provider simulator through a chaos-plan schema held ~15-20 MB more at 1,000 VUs.
  const closure = staticClosure('cli/main.ts')
  assert.ok(closure.has('cli/commands/load.ts') && closure.has('commander'), 'the scan follows the entry\'s imports')
  const heavy = [...closure.keys()].filter((path) => /^(fastify|@fastify\/|prom-client|pino|ws|@grpc\/|undici|@datadog\/)/.test(path) || /^services\/[^/]+\/(index|service)\.ts$/.test(path))
  const chain = (path: string): string => {
    const links = [path]
    for (let from = closure.get(path); from !== undefined && from !== ''; from = closure.get(from)) links.push(from)
    return links.join(' ← ')
  }
  assert.deepEqual(heavy.map(chain), [])
})
