/**
 * One init context per VU, as k6: the bundle's module body (every module of
 * the script, esbuild put them in one scope) goes into a function, run once
 * at load time (k6's first init: options, setup, teardown, handleSummary) and
 * once more for each VU, on its first iteration (modules/vu-init.ts). The
 * exported functions the runner calls forward to the calling VU's own copy,
 * so each VU has its own module-level variables, objects and closures.
 * Imports stay outside (k6 modules, SharedArray's data and open()'s cache are
 * per thread, as they are per process in k6).
 *
 *   import http from "…/http.js";            import http from "…/http.js";
 *   let counter = 0;                    →    function __mibK6Init () { let counter = 0;
 *   function f () { counter++ }              function f () { counter++ }
 *   export { f as default };                 /* export { f as default }; *\/ return { "default": f } } const __mibK6Exports =
 *                                              __mibK6PerVu(__mibK6Init), f = __mibK6Exports["default"]; export { f as default };
 *
 * Insertions only, on existing lines (the last two lines above are one): an
 * import after the first statement is commented out and repeated where the
 * function opens; exports are commented out and listed again at the end.
 */
import type * as ESTree from 'estree'
import { end, isFunction, patternIdentifiers, start, walk, type Node } from './syntax.js'
import { insert, type Edit } from './edits.js'

export type IsolationPlan =
  | { readonly ok: true, readonly edits: readonly Edit[], /** Goes on the first line. */ readonly prefix: string }
  | { readonly ok: false, /** Why this bundle cannot get an init per VU. */ readonly reason: string }

export const PER_VU_INIT = '__mibK6PerVu'
const DEFAULT_LOCAL = '__mibK6Default'

interface Exported { readonly local: string, readonly exported: string }

export function planIsolation (program: ESTree.Program, code: string, perVuInitModule: string): IsolationPlan {
  if (hasTopLevelAwait(program)) return { ok: false, reason: 'the script awaits at the top level' }
  const body = program.body
  let first = 0
  while (first < body.length && staysOutside(body[first] as Node)) first++
  const last = body[body.length - 1]
  if (first === body.length || last === undefined) return { ok: false, reason: 'the script has no init code' }
  const edits: Edit[] = []
  const exported: Exported[] = []
  let moved = ''
  // Only declarations may stay at a module's top level: imports move up, exports are commented out and listed again at the end.
  // At one position: a comment closes (rank 0) before anything opens; the init function opens first, closes last.
  const comment = (from: number, to: number, after = ''): void => { edits.push(insert(from, '/* ', 1, -2), insert(to, ` */ ${after}`, 0, 0)) }
  for (const statement of body.slice(first)) {
    if (isModuleDeclaration(statement)) {
      const text = code.slice(start(statement), end(statement))
      if (text.includes('*/')) return { ok: false, reason: 'an import names a path containing "*/"' }
      comment(start(statement), end(statement))
      moved += `${text.replace(/\r?\n/g, ' ')}${text.endsWith(';') ? '' : ';'} `
    } else if (statement.type === 'ExportNamedDeclaration') {
      const declaration = statement.declaration
      if (declaration === null || declaration === undefined) {
        if (code.slice(start(statement), end(statement)).includes('*/')) return { ok: false, reason: 'an export list holds a comment' }
        comment(start(statement), end(statement))
        for (const s of statement.specifiers) exported.push({ local: nameOf(s.local), exported: nameOf(s.exported) })
      } else {
        comment(start(statement), start(declaration))
        for (const name of declaredNames(declaration)) exported.push({ local: name, exported: name })
      }
    } else if (statement.type === 'ExportDefaultDeclaration') {
      const declaration = statement.declaration
      const named = (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id !== null && declaration.id !== undefined
      comment(start(statement), start(declaration as Node), named ? '' : `const ${DEFAULT_LOCAL} = `)
      exported.push({ local: named ? (declaration.id as ESTree.Identifier).name : DEFAULT_LOCAL, exported: 'default' })
    }
  }
  const imported = importedNames(body)
  const own = exported.filter((e) => !imported.has(e.local))
  const returned = own.map((e) => `${JSON.stringify(e.exported)}: ${e.local}`).join(', ')
  const locals = new Map<string, string>()
  for (const e of own) if (!locals.has(e.local)) locals.set(e.local, e.exported)
  const bindings = [...locals].map(([local, name]) => `, ${local} = __mibK6Exports[${JSON.stringify(name)}]`).join('')
  const list = exported.map((e) => e.local === e.exported ? e.local : `${e.local} as ${isIdentifierName(e.exported) ? e.exported : JSON.stringify(e.exported)}`).join(', ')
  edits.push(insert(start(body[first] as Node), `${moved}function __mibK6Init () { `, 1, -Number.MAX_SAFE_INTEGER))
  edits.push(insert(end(last), `; return { ${returned} } } const __mibK6Exports = ${PER_VU_INIT}(__mibK6Init)${bindings}; export { ${list} };`, 1, Number.MAX_SAFE_INTEGER))
  return { ok: true, edits, prefix: `import { perVuInit as ${PER_VU_INIT} } from ${JSON.stringify(perVuInitModule)}; ` }
}

function declaredNames (declaration: ESTree.Declaration): string[] {
  if (declaration.type !== 'VariableDeclaration') return declaration.id === null ? [] : [declaration.id.name]
  return declaration.declarations.flatMap((d) => patternIdentifiers(d.id).map((id) => id.name))
}

function isIdentifierName (name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name)
}

function isModuleDeclaration (statement: Node): boolean {
  return statement.type === 'ImportDeclaration' || statement.type === 'ExportAllDeclaration' ||
    (statement.type === 'ExportNamedDeclaration' && statement.source !== null && statement.source !== undefined)
}

/** Imports, and the bundle's banner `const require = __mibCreateRequire(import.meta.url)`, stay shared. */
function staysOutside (statement: Node): boolean {
  if (isModuleDeclaration(statement)) return true
  if (statement.type !== 'VariableDeclaration' || statement.declarations.length !== 1) return false
  const declarator = statement.declarations[0] as ESTree.VariableDeclarator
  const init = declarator.init
  return declarator.id.type === 'Identifier' && declarator.id.name === 'require' && init?.type === 'CallExpression' &&
    init.callee.type === 'Identifier' && init.callee.name === '__mibCreateRequire'
}

function importedNames (body: ESTree.Program['body']): Set<string> {
  const names = new Set<string>()
  for (const statement of body) if (statement.type === 'ImportDeclaration') for (const s of statement.specifiers) names.add(s.local.name)
  return names
}

function nameOf (node: ESTree.Identifier | ESTree.Literal): string {
  return node.type === 'Identifier' ? node.name : String(node.value)
}

function hasTopLevelAwait (program: ESTree.Program): boolean {
  let found = false
  const inFunction = new Set<Node>()
  walk(program, (node, parent) => {
    if (parent !== null && (inFunction.has(parent) || isFunction(parent))) inFunction.add(node)
    if (inFunction.has(node)) return
    if (node.type === 'AwaitExpression' || (node.type === 'ForOfStatement' && node.await)) found = true
  })
  return found
}
