/**
 * The k6 transform: k6 scripts are written in a synchronous style (http.get
 * blocks the VU), our VUs are asynchronous. At load time, on the bundled
 * script, blocking calls get `await` and the functions that make them become
 * `async` (see analysis.ts for what counts). Only insertions, never new lines:
 * line numbers (and the bundle's source map, line-wise) stay right.
 *
 *   http.get(url).json('a.b')   →   (await http.get(url)).json('a.b')
 *   function login () { ... }   →   async function login () { ... }
 *   list.forEach((u) => http.get(u))  →  (await __mibK6ForEach(list, async (u) => (await http.get(u))))
 *
 * What it cannot make wait is reported (all at once, with positions) instead.
 *
 * A script whose VU code changes module-level state (or reads __VU at the top
 * level) also gets an init context per VU, as in k6 (isolate.ts).
 */
import type * as ESTree from 'estree'
import { analyseScript, type AwaitKind, type Problem } from './analysis.js'
import { applyEdits, insert, prependOnFirstLine, type Edit } from './edits.js'
import { planIsolation } from './isolate.js'
import { AWAITED_ITERATORS } from './k6-apis.js'
import { end, parseModule, start, type FunctionNode, type Node } from './syntax.js'

export type { Problem } from './analysis.js'

export interface TransformOptions {
  /** The k6 module ("k6", "k6/http", …) an import specifier stands for, or undefined for other imports. */
  moduleOf: (specifier: string) => string | undefined
  /** What the bundle imports perVuInit from (modules/vu-init.ts), for scripts that need an init per VU. */
  perVuInitModule: string
}

export type TransformResult =
  | {
    readonly ok: true
    readonly code: string
    readonly changed: boolean
    /** Whether each VU gets its own init context (the script changes module state). */
    readonly perVu: boolean
    /** Places that run but behave differently from k6: global-object state, module state of a bundle that cannot get an init per VU. */
    readonly warnings: readonly Problem[]
  }
  | { readonly ok: false, readonly problems: readonly Problem[] }

// The forEach/map helpers, prepended on the first line (no new line: positions below stay put).
const HELPERS = 'async function __mibK6ForEach(list, fn, self) { let i = 0; for (const item of __mibK6Items(list)) await fn.call(self, item, i++, list) } ' +
  'async function __mibK6Map(list, fn, self) { const out = []; let i = 0; for (const item of __mibK6Items(list)) out.push(await fn.call(self, item, i++, list)); return out } ' +
  'function __mibK6Items(list) { if (Array.isArray(list)) return list; const items = []; list.forEach((item) => { items.push(item) }); return items } '

export function transformK6Script (code: string, options: TransformOptions): TransformResult {
  const program = parseModule(code)
  const analysis = analyseScript(program, options.moduleOf)
  const needsPerVu = analysis.stateChanges.length > 0 || analysis.initReads.length > 0
  const isolation = needsPerVu ? planIsolation(program, code, options.perVuInitModule) : undefined
  const notIsolated = isolation?.ok === false ? ` (${isolation.reason}: here the VUs of a thread share it; keep per-VU values in a Map keyed by __VU)` : ''
  const problems = [...analysis.problems, ...(isolation?.ok === false ? analysis.initReads.map((p) => ({ pos: p.pos, message: p.message + notIsolated })) : [])]
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.pos - b.pos) }
  const warnings = [...(isolation?.ok === false ? analysis.stateChanges.map((p) => ({ pos: p.pos, message: p.message + notIsolated })) : []), ...analysis.globalWrites]
    .sort((a, b) => a.pos - b.pos)
  const edits: Edit[] = []
  if (isolation?.ok === true) edits.push(...isolation.edits)
  for (const fn of analysis.converted) edits.push(insert(asyncPosition(fn, analysis.parents.get(fn) ?? null, code), 'async ', 1, 0))
  let usesHelpers = false
  for (const [call, kind] of analysis.awaited) {
    if (kind !== 'await') usesHelpers = true
    edits.push(...awaitEdits(call, kind, analysis.parents))
  }
  const perVu = isolation?.ok === true
  if (edits.length === 0) return { ok: true, code, changed: false, perVu, warnings }
  const prefix = (usesHelpers ? HELPERS : '') + (isolation?.ok === true ? isolation.prefix : '')
  const out = applyEdits(code, edits)
  return { ok: true, code: prefix === '' ? out : prependOnFirstLine(out, prefix), changed: true, perVu, warnings }
}

function awaitEdits (call: ESTree.CallExpression, kind: AwaitKind, parents: ReadonlyMap<Node, Node | null>): Edit[] {
  const s = start(call)
  const e = end(call)
  // A whole statement needs no parentheses; a line must not start with "(" (it would continue the line above).
  const whole = parents.get(call)?.type === 'ExpressionStatement'
  const lead = !whole && startsStatement(call, parents) ? '0, ' : ''
  if (kind === 'await') return whole ? [insert(s, 'await ', 1, -e)] : [insert(s, `${lead}(await `, 1, -e), insert(e, ')', 0, -s)]
  const callee = call.callee as ESTree.MemberExpression
  const first = call.arguments[0] as Node
  const helper = AWAITED_ITERATORS[kind] ?? ''
  return [
    insert(s, whole ? `await ${helper}(` : `${lead}(await ${helper}(`, 1, -e),
    { from: end(callee.object), to: start(first), text: ', ', rank: 1, order: 0 },
    ...(whole ? [] : [insert(e, ')', 0, -s)])
  ]
}

function startsStatement (node: Node, parents: ReadonlyMap<Node, Node | null>): boolean {
  let current: Node | null = parents.get(node) ?? null
  while (current !== null && start(current) === start(node)) {
    if (current.type === 'ExpressionStatement') return true
    current = parents.get(current) ?? null
  }
  return false
}

/** Where `async ` goes: before the function, or before a method's name. */
function asyncPosition (fn: FunctionNode, parent: Node | null, code: string): number {
  const isMethod = parent !== null && ((parent.type === 'Property' && parent.method) || parent.type === 'MethodDefinition')
  if (!isMethod) return start(fn)
  const key = (parent as ESTree.Property | ESTree.MethodDefinition).key
  const computed = (parent as ESTree.Property | ESTree.MethodDefinition).computed
  return computed ? code.lastIndexOf('[', start(key)) : start(key)
}
