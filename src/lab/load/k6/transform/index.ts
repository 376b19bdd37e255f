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
 */
import type * as ESTree from 'estree'
import { analyseScript, type AwaitKind, type Problem } from './analysis.js'
import { AWAITED_ITERATORS } from './k6-apis.js'
import { end, parseModule, start, type FunctionNode, type Node } from './syntax.js'

export type { Problem } from './analysis.js'

export interface TransformOptions {
  /** The k6 module ("k6", "k6/http", …) an import specifier stands for, or undefined for other imports. */
  moduleOf: (specifier: string) => string | undefined
}

export type TransformResult =
  | { readonly ok: true, readonly code: string, readonly changed: boolean, readonly warnings: readonly Problem[] }
  | { readonly ok: false, readonly problems: readonly Problem[] }

// The forEach/map helpers, prepended on the first line (no new line: positions below stay put).
const HELPERS = 'async function __mibK6ForEach(list, fn, self) { let i = 0; for (const item of __mibK6Items(list)) await fn.call(self, item, i++, list) } ' +
  'async function __mibK6Map(list, fn, self) { const out = []; let i = 0; for (const item of __mibK6Items(list)) out.push(await fn.call(self, item, i++, list)); return out } ' +
  'function __mibK6Items(list) { if (Array.isArray(list)) return list; const items = []; list.forEach((item) => { items.push(item) }); return items } '

export function transformK6Script (code: string, options: TransformOptions): TransformResult {
  const program = parseModule(code)
  const analysis = analyseScript(program, options.moduleOf)
  if (analysis.problems.length > 0) return { ok: false, problems: [...analysis.problems].sort((a, b) => a.pos - b.pos) }
  const edits: Edit[] = []
  for (const fn of analysis.converted) edits.push(insert(asyncPosition(fn, analysis.parents.get(fn) ?? null, code), 'async ', 1, 0))
  let usesHelpers = false
  for (const [call, kind] of analysis.awaited) {
    if (kind !== 'await') usesHelpers = true
    edits.push(...awaitEdits(call, kind, analysis.parents))
  }
  const warnings = analysis.warnings
  if (edits.length === 0) return { ok: true, code, changed: false, warnings }
  const out = applyEdits(code, edits)
  return { ok: true, code: usesHelpers ? prependOnFirstLine(out, HELPERS) : out, changed: true, warnings }
}

interface Edit {
  readonly from: number
  /** Replaced up to here (== from for an insertion). */
  readonly to: number
  readonly text: string
  /** At one position: closings (0) before openings (1). */
  readonly rank: number
  /** Among openings, the outer (longer) first; among closings, the inner (later start) first. */
  readonly order: number
}

const insert = (at: number, text: string, rank: number, order: number): Edit => ({ from: at, to: at, text, rank, order })

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

function applyEdits (code: string, edits: Edit[]): string {
  edits.sort((a, b) => a.from - b.from || a.rank - b.rank || a.order - b.order)
  let out = ''
  let at = 0
  for (const edit of edits) {
    out += code.slice(at, edit.from) + edit.text
    at = Math.max(at, edit.to, edit.from)
  }
  return out + code.slice(at)
}

function prependOnFirstLine (code: string, text: string): string {
  // After a hashbang the first line must stay a comment.
  if (code.startsWith('#!')) {
    const newline = code.indexOf('\n')
    return `${code.slice(0, newline + 1)}${text}${code.slice(newline + 1)}`
  }
  return text + code
}
