/**
 * Does a k6 script keep state at module level that VU code changes? k6 runs
 * the init context once per VU (each VU its own JS runtime), so each VU has
 * its own copy of every module-level variable, object and closure. Here the
 * VUs of a thread share one module, unless the transform gives each VU its
 * own init (isolate.ts). That costs memory per VU, so it is done only for
 * scripts that need it: this finds the places that make a script need it.
 *
 * Conservative: a module-level value counts as changed by VU code unless
 * every use of it inside a function is known to only read it — read as a
 * primitive, read through members, passed to k6's functions or to
 * JavaScript's non-mutating built-ins (JSON.stringify, Object.keys, …),
 * called as a plain function, or handed to the script's own functions (or
 * local variables) that only read it in turn. Assigning it (or a member of
 * it), calling a method that is not a known read-only one, or letting it
 * escape anywhere else means "per VU".
 */
import type { Variable } from 'eslint-scope'
import type * as ESTree from 'estree'
import { isFunction, memberName, patternIdentifiers, start, walk, type FunctionNode, type Node } from './syntax.js'
import type { Problem } from './analysis.js'

/** What the analysis knows about the script, as the state finder needs it. */
export interface ScriptFacts {
  readonly parents: ReadonlyMap<Node, Node | null>
  readonly variables: readonly Variable[]
  /** The variable an identifier reads or writes (null: a global; undefined: not a reference). */
  resolve: (id: ESTree.Identifier) => Variable | null | undefined
  /** The variable an identifier of a declaration (or parameter) declares. */
  declared: (id: ESTree.Identifier) => Variable | undefined
  /** Whether the variable holds a k6 module or one of its exports. */
  isK6: (variable: Variable) => boolean
  /** The script functions a call's callee may be. */
  calleeFunctions: (callee: Node) => FunctionNode[]
  /** The script functions a variable holds. */
  functionsOf: (variable: Variable) => FunctionNode[]
  /** The script's own functions by the property names it keeps them under (null: not a plain function). */
  readonly methods: ReadonlyMap<string, ReadonlyArray<FunctionNode | null>>
}

/**
 * How a module-level variable's value can be used:
 * primitive (immutable), code (a function or class), k6 (a k6 export, metric
 * or SharedArray: k6 shares those too), data (anything else: objects, closures).
 */
type Kind = 'primitive' | 'code' | 'k6' | 'data'

/** Every module-level variable whose value VU code may change, at its first such use. */
export function findModuleStateChanges (facts: ScriptFacts): Problem[] {
  return new StateFinder(facts).find()
}

// Methods of the built-in types that do not change their receiver (and are not the script's own).
const READ_ONLY_METHODS = new Set([
  'at', 'charAt', 'charCodeAt', 'codePointAt', 'concat', 'endsWith', 'entries', 'every', 'filter', 'find', 'findIndex',
  'findLast', 'findLastIndex', 'flat', 'flatMap', 'forEach', 'get', 'has', 'includes', 'indexOf', 'join', 'keys',
  'lastIndexOf', 'localeCompare', 'map', 'normalize', 'padEnd', 'padStart', 'reduce', 'reduceRight', 'repeat', 'slice',
  'some', 'split', 'startsWith', 'substring', 'substr', 'toLowerCase', 'toUpperCase', 'toLocaleLowerCase',
  'toLocaleUpperCase', 'toString', 'toFixed', 'toISOString', 'toJSON', 'trim', 'trimStart', 'trimEnd', 'values',
  'valueOf', 'getTime', 'hasOwnProperty', 'replace', 'replaceAll', 'search'
])
// Read-only methods whose result is a new primitive (or an array of them): nothing to follow.
const PRIMITIVE_RESULT_METHODS = new Set(['includes', 'indexOf', 'lastIndexOf', 'join', 'startsWith', 'endsWith', 'has', 'every',
  'some', 'findIndex', 'findLastIndex', 'toString', 'toFixed', 'charAt', 'charCodeAt', 'codePointAt', 'localeCompare', 'getTime',
  'hasOwnProperty', 'padStart', 'padEnd', 'repeat', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase',
  'toLocaleLowerCase', 'toLocaleUpperCase', 'replace', 'replaceAll', 'search', 'split', 'substring', 'substr', 'normalize',
  'toISOString', 'toJSON', 'valueOf'])
// Built-in methods that store their arguments in the receiver.
const STORING_METHODS = new Set(['push', 'unshift', 'set', 'add'])
// Built-in methods that change their receiver: never read-only, whatever the script defines under the name.
const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set',
  'add', 'delete', 'clear', 'exec', 'test', 'match', 'matchAll'])
// String methods: on a primitive, a primitive.
const STRING_METHODS = new Set(['replace', 'replaceAll', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'slice',
  'substring', 'padStart', 'padEnd', 'repeat', 'concat', 'toString', 'toFixed', 'normalize', 'at', 'charAt'])

// Global functions (and namespaces' functions) that only read their arguments.
const READING_GLOBALS = new Set(['String', 'Number', 'Boolean', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent',
  'decodeURIComponent', 'encodeURI', 'decodeURI', 'console', 'JSON', 'Math', 'Date', 'Array', 'Object', '__ENV', 'open'])
const READING_NAMESPACE_FUNCTIONS = new Set(['log', 'info', 'warn', 'error', 'debug', 'stringify', 'parse', 'isArray', 'keys',
  'values', 'entries', 'getOwnPropertyNames', 'isFrozen', 'hasOwn', 'from', 'of', 'max', 'min', 'abs', 'floor', 'ceil', 'round',
  'trunc', 'sqrt', 'pow', 'now', 'isInteger', 'isFinite', 'isNaN', 'assign', 'fromEntries'])
// Their results that may hold the argument's own objects (the rest are new primitives or copies of primitives).
const ALIASING_NAMESPACE_FUNCTIONS = new Set(['values', 'entries', 'from', 'of', 'assign', 'fromEntries'])
const PRIMITIVE_GLOBAL_FUNCTIONS = new Set(['String', 'Number', 'Boolean', 'parseInt', 'parseFloat', 'encodeURIComponent', 'encodeURI'])

class StateFinder {
  readonly #facts: ScriptFacts
  /** Local variables (aliases) already being followed: a cycle reads nothing new. */
  readonly #following = new Set<Variable>()
  readonly #kinds = new Map<Variable, Kind>()
  readonly #thisFree = new Map<FunctionNode, boolean>()

  constructor (facts: ScriptFacts) {
    this.#facts = facts
  }

  find (): Problem[] {
    const found: Problem[] = []
    for (const variable of this.#facts.variables) {
      if (variable.scope.type !== 'module') continue
      const def = variable.defs[0]
      if (def === undefined || def.type === 'ImportBinding' || this.#facts.isK6(variable)) continue
      const kind = this.#kindOf(variable)
      for (const reference of variable.references) {
        if (reference.from.variableScope.type === 'module') continue
        const id = reference.identifier as ESTree.Identifier
        const how = reference.isWrite() ? 'is assigned' : this.#use(id, kind)
        if (how === undefined) continue
        found.push({ pos: start(id), message: `"${variable.name}" is module-level state that VU code changes (it ${how})` })
        break
      }
    }
    return found
  }

  #kindOf (variable: Variable): Kind {
    const known = this.#kinds.get(variable)
    if (known !== undefined) return known
    this.#kinds.set(variable, 'data') // while deciding: a cycle is data
    const kind = this.#decideKind(variable)
    this.#kinds.set(variable, kind)
    return kind
  }

  #decideKind (variable: Variable): Kind {
    const def = variable.defs[0]
    if (def?.type === 'FunctionName' || def?.type === 'ClassName') return 'code'
    if (def?.type !== 'Variable') return 'data'
    const declarator = def.node as ESTree.VariableDeclarator
    const init = declarator.init
    const writes = variable.references.filter((r) => r.isWrite()).length
    if (declarator.id.type !== 'Identifier' || init === null || init === undefined || writes > 1) return 'data'
    if (isFunction(init) || init.type === 'ClassExpression') return 'code'
    if (this.#isK6Value(init)) return 'k6'
    if (this.#isPrimitive(init)) return 'primitive'
    // `var __defProp = Object.defineProperty` (esbuild's helpers): a built-in function.
    if ((init.type === 'MemberExpression' || init.type === 'Identifier') && this.#globalRoot(init) !== undefined) return 'code'
    return 'data'
  }

  /** Why this use of a module-level value may change it, or undefined when it only reads it. */
  #use (id: ESTree.Identifier, kind: Kind): string | undefined {
    switch (kind) {
      case 'primitive': return undefined
      case 'k6': return this.#assignedThrough(id)
      case 'code': {
        const parent = this.#facts.parents.get(id)
        if (parent?.type !== 'MemberExpression' || parent.object !== id) return undefined
        return this.#isCallee(parent) && ['call', 'apply', 'bind'].includes(memberName(parent) ?? '') ? undefined : this.#member(parent)
      }
      case 'data': return this.#value(id)
    }
  }

  /** `new Rate(…)`, `http.cookieJar()`, or an object or array of such (metrics by name). */
  #isK6Value (node: Node): boolean {
    if (node.type === 'NewExpression' || node.type === 'CallExpression') return this.#isK6Callee(node.callee)
    if (node.type === 'ObjectExpression') return node.properties.length > 0 && node.properties.every((p) => p.type === 'Property' && !p.computed && this.#isK6Value(p.value))
    if (node.type === 'ArrayExpression') return node.elements.length > 0 && node.elements.every((e) => e !== null && e.type !== 'SpreadElement' && this.#isK6Value(e))
    return false
  }

  /** k6 objects (metrics, SharedArray) are shared in k6 too; only assigning their members would differ. */
  #assignedThrough (node: Node): string | undefined {
    let current = node
    let parent = this.#facts.parents.get(current) ?? null
    while (parent?.type === 'MemberExpression' && parent.object === current) {
      if (this.#isAssignmentTarget(parent)) return 'has a member assigned'
      current = parent
      parent = this.#facts.parents.get(current) ?? null
    }
    return undefined
  }

  /**
   * `node` holds (part of) module state: why its use may change it. A shallow
   * copy (`[...state]`, `{ ...state }`) is a new object: changing its own
   * slots changes nothing shared, its members are still shared.
   */
  #value (node: Node, copy = false): string | undefined {
    const parent = this.#facts.parents.get(node) ?? null
    if (parent === null) return undefined
    switch (parent.type) {
      case 'MemberExpression': return parent.object === node ? this.#member(parent, copy) : undefined
      case 'CallExpression':
      case 'NewExpression':
        if (parent.callee === node) return parent.type === 'NewExpression' ? 'is used as a constructor' : 'is called (a function made at init time may keep state in its closure)'
        return this.#argument(parent, node)
      case 'VariableDeclarator': return parent.init === node ? this.#aliasPattern(parent.id, copy) : undefined
      case 'AssignmentExpression':
        if (parent.right !== node) return 'is assigned'
        return parent.left.type === 'Identifier' && this.#isLocal(parent.left) ? this.#aliasPattern(parent.left, copy) : 'is stored elsewhere'
      case 'Property': {
        const holder = this.#facts.parents.get(parent) ?? null
        if (holder?.type === 'ObjectPattern') return parent.value === node ? 'is assigned' : undefined
        return parent.value === node && holder !== null ? this.#value(holder) : undefined
      }
      case 'SpreadElement': {
        const holder = this.#facts.parents.get(parent) ?? null
        if (holder === null) return undefined
        if (holder.type === 'CallExpression' || holder.type === 'NewExpression') return this.#argument(holder, parent)
        // Spread into a literal: the literal is a copy.
        return this.#value(holder, true)
      }
      case 'ArrayExpression': return this.#value(parent)
      case 'LogicalExpression':
      case 'AwaitExpression':
      case 'ChainExpression':
        return this.#value(parent, copy)
      case 'ConditionalExpression': return parent.test === node ? undefined : this.#value(parent, copy)
      case 'SequenceExpression': return parent.expressions[parent.expressions.length - 1] === node ? this.#value(parent, copy) : undefined
      case 'ForOfStatement': {
        if (parent.right !== node) return 'is assigned'
        const left = parent.left
        return left.type === 'VariableDeclaration' ? this.#aliasPattern((left.declarations[0] as ESTree.VariableDeclarator).id) : 'is iterated into an outer variable'
      }
      case 'BinaryExpression':
      case 'TemplateLiteral':
      case 'IfStatement':
      case 'WhileStatement':
      case 'DoWhileStatement':
      case 'ForStatement':
      case 'ForInStatement':
      case 'SwitchStatement':
      case 'SwitchCase':
      case 'ExpressionStatement':
        return undefined
      case 'UnaryExpression': return parent.operator === 'delete' ? 'has a member deleted' : undefined
      case 'ReturnStatement': return this.#returned(this.#enclosingFunction(parent))
      case 'ArrowFunctionExpression': return parent.body === node ? this.#returned(parent) : undefined
      default: return `is used as a value (${parent.type})`
    }
  }

  /** `state.x`: assigned, a method called on it, or read on. */
  #member (member: ESTree.MemberExpression, copy = false): string | undefined {
    if (this.#isAssignmentTarget(member)) return copy ? undefined : 'has a member assigned'
    const parent = this.#facts.parents.get(member) ?? null
    if (parent?.type === 'CallExpression' && parent.callee === member) {
      const name = memberName(member)
      const builtinOnCopy = copy && name !== undefined && MUTATING_METHODS.has(name) && !this.#facts.methods.has(name)
      if (!builtinOnCopy && !this.#isReadOnlyMethod(name)) return `has its method ${name === undefined ? '[…]' : `.${name}`}() called`
      // A callback of forEach/map/find…: its parameters are the receiver's elements.
      for (const arg of parent.arguments) {
        const reason = isFunction(arg) ? this.#aliasParameters(arg) : undefined
        if (reason !== undefined) return reason
      }
      return name !== undefined && PRIMITIVE_RESULT_METHODS.has(name) ? undefined : this.#value(parent)
    }
    return this.#value(member)
  }

  /**
   * A method that cannot change its receiver: a read-only built-in, or only
   * the script's own functions written at the top level (closing over module
   * variables alone, which are followed one by one) that never use `this`.
   */
  #isReadOnlyMethod (name: string | undefined): boolean {
    if (name === undefined || MUTATING_METHODS.has(name)) return false
    const own = this.#facts.methods.get(name)
    if (own === undefined) return READ_ONLY_METHODS.has(name)
    return own.every((fn) => fn !== null && this.#enclosingFunction(fn) === null && this.#isThisFree(fn))
  }

  #isThisFree (fn: FunctionNode): boolean {
    const known = this.#thisFree.get(fn)
    if (known !== undefined) return known
    let free = true
    const ownThis = new Set<Node>([fn])
    walk(fn, (node, parent) => {
      if (parent !== null && ownThis.has(parent) && !(isFunction(node) && node.type !== 'ArrowFunctionExpression')) ownThis.add(node)
      if (ownThis.has(node) && (node.type === 'ThisExpression' || node.type === 'Super' || (node.type === 'Identifier' && node.name === 'arguments'))) free = false
    })
    this.#thisFree.set(fn, free)
    return free
  }

  #argument (call: ESTree.CallExpression | ESTree.NewExpression, arg: Node): string | undefined {
    const callee = call.callee
    if (this.#isK6Callee(callee)) return undefined
    const root = callee.type === 'MemberExpression' || callee.type === 'Identifier' ? this.#globalRoot(callee) : undefined
    if (root !== undefined && READING_GLOBALS.has(root)) {
      const name = callee.type === 'MemberExpression' ? memberName(callee) : root
      if (callee.type === 'MemberExpression' && (name === undefined || !READING_NAMESPACE_FUNCTIONS.has(name))) return `is passed to ${root}.${name ?? '[…]'}()`
      if (name === 'assign' && call.arguments[0] === arg) return 'is passed to Object.assign() as its target'
      return name !== undefined && ALIASING_NAMESPACE_FUNCTIONS.has(name) ? this.#value(call) : undefined
    }
    // `out.push(item)` into a local array (or Map, Set): the container holds it now.
    if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && STORING_METHODS.has(memberName(callee) ?? '') &&
      this.#isLocal(callee.object) && !this.#facts.methods.has(memberName(callee) ?? '')) return this.#aliasPattern(callee.object, true)
    const index = call.arguments.indexOf(arg as ESTree.Expression)
    const fns = call.type === 'CallExpression' ? this.#facts.calleeFunctions(callee) : []
    if (fns.length === 0 || index === -1) return `is passed to ${describeCallee(callee)}, which may change it`
    for (const fn of fns) {
      const param = fn.params[index]
      if (param === undefined) continue
      if (param.type === 'RestElement') return `is passed to ${describeCallee(callee)}, which may change it`
      const reason = this.#aliasPattern(param)
      if (reason !== undefined) return reason
    }
    return undefined
  }

  /** A function returns (part of) module state: what its calls give is that state too. */
  #returned (fn: FunctionNode | null): string | undefined {
    if (fn === null) return 'is returned'
    const parent = this.#facts.parents.get(fn) ?? null
    // A callback (of map, find, group…): the call's result may be what it returns.
    if ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.callee !== fn) return this.#value(parent)
    // A method of an object literal (check()'s predicates…): follow the object.
    if (parent?.type === 'Property' && parent.value === fn) {
      const holder = this.#facts.parents.get(parent) ?? null
      return holder === null ? 'is returned from a method' : this.#value(holder)
    }
    const id = fn.type === 'FunctionDeclaration' ? fn.id : parent?.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier' ? parent.id : null
    const variable = id === null || id === undefined ? undefined : this.#facts.declared(id)
    if (variable === undefined) return 'is returned from a function'
    if (this.#following.has(variable)) return undefined
    this.#following.add(variable)
    for (const reference of variable.references) {
      if (reference.init === true) continue
      const use = reference.identifier as ESTree.Identifier
      const call = this.#facts.parents.get(use)
      if (call?.type !== 'CallExpression' || call.callee !== use) return 'is returned from a function that is passed around'
      const reason = this.#value(call)
      if (reason !== undefined) return reason
    }
    return undefined
  }

  #enclosingFunction (node: Node): FunctionNode | null {
    let current = this.#facts.parents.get(node) ?? null
    while (current !== null && !isFunction(current)) current = this.#facts.parents.get(current) ?? null
    return current
  }

  #aliasParameters (fn: FunctionNode): string | undefined {
    for (const param of fn.params) {
      const reason = this.#aliasPattern(param)
      if (reason !== undefined) return reason
    }
    return undefined
  }

  /** Local variables bound to (parts of) module state: their reads are its uses. */
  #aliasPattern (pattern: ESTree.Pattern, copy = false): string | undefined {
    for (const id of patternIdentifiers(pattern)) {
      const variable = this.#facts.declared(id) ?? this.#facts.resolve(id) ?? undefined
      if (variable === undefined) return 'is stored in a global'
      if (variable.scope.type === 'module') continue // itself a module-level variable: followed as one
      if (this.#following.has(variable)) continue
      this.#following.add(variable)
      for (const reference of variable.references) {
        if (reference.isWrite()) continue
        // Destructuring a copy takes its members: those are shared.
        const reason = this.#value(reference.identifier as ESTree.Identifier, copy && pattern.type === 'Identifier')
        if (reason !== undefined) return reason
      }
    }
    return undefined
  }

  #isAssignmentTarget (node: Node): boolean {
    const parent = this.#facts.parents.get(node) ?? null
    if (parent === null) return false
    switch (parent.type) {
      case 'AssignmentExpression': return parent.left === node
      case 'UpdateExpression': return true
      case 'UnaryExpression': return parent.operator === 'delete'
      case 'ArrayPattern':
      case 'RestElement':
        return true
      case 'AssignmentPattern': return parent.left === node
      case 'Property': return parent.value === node && this.#facts.parents.get(parent)?.type === 'ObjectPattern'
      case 'ForOfStatement':
      case 'ForInStatement':
        return parent.left === node
      default: return false
    }
  }

  #isCallee (node: Node): boolean {
    const parent = this.#facts.parents.get(node)
    return parent?.type === 'CallExpression' && parent.callee === node
  }

  #isLocal (id: ESTree.Identifier): boolean {
    const variable = this.#facts.resolve(id)
    return variable !== null && variable !== undefined && variable.scope.type !== 'module'
  }

  /** `new Trend(…)`, `http.cookieJar()`, `exec.test.abort(…)`, `errors.add(…)`: rooted at a k6 import or a k6 object. */
  #isK6Callee (callee: Node): boolean {
    let root = callee
    while (root.type === 'MemberExpression') root = root.object
    if (root.type !== 'Identifier') return false
    const variable = this.#facts.resolve(root)
    if (variable === null || variable === undefined) return false
    return this.#facts.isK6(variable) || (variable.scope.type === 'module' && variable.defs[0]?.type === 'Variable' && this.#kindOf(variable) === 'k6')
  }

  /** The global (unresolved) identifier an expression like `Object.prototype.x` starts from. */
  #globalRoot (node: Node): string | undefined {
    let root = node
    while (root.type === 'MemberExpression') root = root.object
    return root.type === 'Identifier' && this.#facts.resolve(root) === null ? root.name : undefined
  }

  #isPrimitive (node: Node): boolean {
    switch (node.type) {
      case 'Literal': return !('regex' in node && node.regex !== undefined)
      case 'TemplateLiteral':
      case 'BinaryExpression':
      case 'UnaryExpression':
      case 'UpdateExpression':
        return true
      case 'LogicalExpression': return this.#isPrimitive(node.left) && this.#isPrimitive(node.right)
      case 'ConditionalExpression': return this.#isPrimitive(node.consequent) && this.#isPrimitive(node.alternate)
      case 'MemberExpression': return this.#globalRoot(node) === '__ENV' && node.object.type === 'Identifier'
      case 'Identifier': {
        const variable = this.#facts.resolve(node)
        if (variable === null || variable === undefined) return node.name === 'undefined'
        return variable.scope.type === 'module' && this.#kindOf(variable) === 'primitive'
      }
      case 'CallExpression': {
        const callee = node.callee
        if (callee.type === 'MemberExpression' && STRING_METHODS.has(memberName(callee) ?? '') && this.#isPrimitive(callee.object)) return true
        if (callee.type === 'Identifier') return this.#facts.resolve(callee) === null && PRIMITIVE_GLOBAL_FUNCTIONS.has(callee.name)
        return callee.type === 'MemberExpression' && ['JSON', 'Math', 'Date'].includes(this.#globalRoot(callee) ?? '') &&
          callee.object.type === 'Identifier' && ['stringify', 'now', 'random', 'floor', 'ceil', 'round', 'max', 'min'].includes(memberName(callee) ?? '')
      }
      default: return false
    }
  }
}

function describeCallee (callee: Node): string {
  if (callee.type === 'Identifier') return `${callee.name}()`
  if (callee.type === 'MemberExpression') return `${callee.object.type === 'Identifier' ? callee.object.name : ''}.${memberName(callee) ?? '[…]'}()`
  return 'a function'
}
