/**
 * Finds what must become asynchronous for a k6 script (synchronous style) to
 * run on the asynchronous runner: the calls that block in k6 (http.*, sleep,
 * ws.connect, and everything that reaches them), and the functions that make
 * them. A fixed point over the whole bundle (esbuild has already put every
 * module of the script into one scope):
 *
 *   - a call blocks when it calls a blocking k6 export, a function made
 *     asynchronous here (by its variable, or by its property name for methods),
 *     group() with such a callback, or forEach/map with one;
 *   - a function making a blocking call is made asynchronous (async), and its
 *     variable or property name marks the calls to it as blocking in turn.
 *
 * A function made asynchronous must only be called where the caller can wait:
 * any other use (passed to a callback API such as Array.prototype.filter, a
 * getter, a constructor, a generator, the init context) is reported with its
 * position, instead of silently not waiting.
 */
import { analyze, type Reference, type Variable } from 'eslint-scope'
import type * as ESTree from 'estree'
import { AWAITED_ITERATORS, BLOCKING_EXPORTS, isBlockingExport, isGroupExport, takesSyncCallback } from './k6-apis.js'
import { findModuleStateChanges } from './module-state.js'
import { end, isFunction, memberName, propertyName, start, walk, type FunctionNode, type Node } from './syntax.js'

export interface Problem { readonly pos: number, readonly message: string }

/** How an awaited call is rewritten: plain await, or an awaited forEach/map helper. */
export type AwaitKind = 'await' | keyof typeof AWAITED_ITERATORS

export interface AnalysisResult {
  readonly converted: ReadonlySet<FunctionNode>
  readonly awaited: ReadonlyMap<ESTree.CallExpression, AwaitKind>
  readonly parents: ReadonlyMap<Node, Node | null>
  readonly problems: readonly Problem[]
  /** Module-level state VU code changes: k6 gives each VU its own copy (the script needs an init per VU). */
  readonly stateChanges: readonly Problem[]
  /** Global-object properties VU code assigns: per VU in k6, shared by a thread's VUs here (an init per VU does not help). */
  readonly globalWrites: readonly Problem[]
  /** Reads of __VU / __ITER in the init context: a value per VU in k6 (the script needs an init per VU). */
  readonly initReads: readonly Problem[]
}

interface K6Binding { readonly module: string, /** '*' for a default or namespace import. */ readonly name: string }

// Receivers that are never script objects: a method name shared with a script's async method does not make these block.
const BUILTIN_RECEIVERS = new Set(['JSON', 'Math', 'Object', 'Array', 'console', 'Number', 'String', 'Date', 'Promise', 'Reflect', 'Symbol', 'BigInt', 'Intl', '__ENV'])

export function analyseScript (program: ESTree.Program, moduleOf: (specifier: string) => string | undefined): AnalysisResult {
  return new Analysis(program, moduleOf).run()
}

class Analysis {
  readonly #parents = new Map<Node, Node | null>()
  readonly #calls: ESTree.CallExpression[] = []
  readonly #declarators: ESTree.VariableDeclarator[] = []
  readonly #functions: FunctionNode[] = []
  /** Where the script keeps functions under property names: object literals, classes, assignments. */
  readonly #properties: Array<ESTree.Property | ESTree.MethodDefinition | ESTree.AssignmentExpression> = []
  readonly #references = new Map<Node, Reference>()
  readonly #declared = new Map<Node, Variable>()
  readonly #variables: Variable[] = []
  /** Reads of globals (unresolved references), for __VU / __ITER in the init context. */
  readonly #globalReads: ESTree.Identifier[] = []
  /** Uses of the global object (globalThis, global, self), shared by a thread's VUs whatever the transform does. */
  readonly #globalObjects: ESTree.Identifier[] = []
  readonly #k6 = new Map<Variable, K6Binding>()
  readonly #converted = new Set<FunctionNode>()
  readonly #asyncVars = new Set<Variable>()
  readonly #asyncProps = new Set<string>()
  readonly #factories = new Set<FunctionNode>()
  /** Whether a blocking function is kept under a computed key nothing names: then any `obj[key]()` may reach it. */
  #computedAsync = false
  readonly #awaited = new Map<ESTree.CallExpression, AwaitKind>()
  readonly #problems: Problem[] = []
  readonly #reported = new Set<string>()

  constructor (program: ESTree.Program, moduleOf: (specifier: string) => string | undefined) {
    walk(program, (node, parent) => {
      this.#parents.set(node, parent)
      if (node.type === 'CallExpression') this.#calls.push(node)
      else if (node.type === 'VariableDeclarator') this.#declarators.push(node)
      else if (isFunction(node)) this.#functions.push(node)
      else if (node.type === 'Property' || node.type === 'MethodDefinition' || node.type === 'AssignmentExpression') this.#properties.push(node)
    })
    const scopes = analyze(program, { ecmaVersion: 2022, sourceType: 'module' })
    for (const scope of scopes.scopes) {
      for (const reference of scope.references) {
        this.#references.set(identifierOf(reference), reference)
        if (reference.resolved === null && PER_VU_GLOBALS.has(identifierOf(reference).name)) this.#globalReads.push(identifierOf(reference))
        if (reference.resolved === null && GLOBAL_OBJECTS.has(identifierOf(reference).name)) this.#globalObjects.push(identifierOf(reference))
      }
      for (const variable of scope.variables) {
        this.#variables.push(variable)
        for (const id of variable.identifiers) this.#declared.set(id, variable)
        const def = variable.defs[0]
        if (def?.type === 'ImportBinding') {
          const module = moduleOf(String((def.parent as ESTree.ImportDeclaration).source.value))
          if (module === undefined) continue
          const spec = def.node as ESTree.ImportSpecifier | ESTree.ImportDefaultSpecifier | ESTree.ImportNamespaceSpecifier
          const name = spec.type === 'ImportSpecifier' ? (spec.imported.type === 'Identifier' ? spec.imported.name : String(spec.imported.value)) : '*'
          this.#k6.set(variable, { module, name })
        }
      }
    }
  }

  run (): AnalysisResult {
    for (const declarator of this.#declarators) this.#followK6Destructuring(declarator)
    let size = -1
    while (size !== this.#stateSize()) {
      size = this.#stateSize()
      for (const declarator of this.#declarators) this.#followDeclarator(declarator)
      for (const variable of this.#asyncVars) this.#followValueUses(variable)
      for (const call of this.#calls) {
        this.#followCallbackArguments(call)
        if (this.#awaited.has(call)) continue
        const kind = this.#classify(call)
        if (kind !== undefined) this.#await(call, kind)
      }
    }
    this.#checkUses()
    return {
      converted: this.#converted,
      awaited: this.#awaited,
      parents: this.#parents,
      problems: this.#problems,
      stateChanges: findModuleStateChanges({
        parents: this.#parents,
        variables: this.#variables,
        resolve: (id) => this.#references.get(id)?.resolved,
        declared: (id) => this.#declared.get(id),
        isK6: (variable) => this.#k6.has(variable),
        calleeFunctions: (callee) => this.#calleeFunctions(callee),
        functionsOf: (variable) => this.#functionsOf(variable),
        methods: this.#methodDefinitions()
      }),
      initReads: this.#initContextReads(),
      globalWrites: this.#globalWrites()
    }
  }

  #stateSize (): number {
    return this.#converted.size + this.#asyncVars.size + this.#asyncProps.size + this.#factories.size + this.#awaited.size + (this.#computedAsync ? 1 : 0)
  }

  /** A property key's name: plain, a string, a template without expressions, or a const holding a string. */
  #keyName (key: Node, computed: boolean): string | undefined {
    // A private name never meets a public one: `#get` is not `get`.
    if (key.type === 'PrivateIdentifier') return `#${key.name}`
    const plain = propertyName(key, computed)
    if (plain !== undefined || !computed) return plain
    if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined
    if (key.type !== 'Identifier') return undefined
    const variable = this.#references.get(key)?.resolved
    const def = variable?.defs[0]
    if (variable === null || variable === undefined || variable.defs.length !== 1 || def?.type !== 'Variable' || (def.parent as ESTree.VariableDeclaration).kind !== 'const') return undefined
    const init = (def.node as ESTree.VariableDeclarator).init
    return init?.type === 'Literal' && typeof init.value === 'string' ? init.value : undefined
  }

  #memberKey (node: ESTree.MemberExpression): string | undefined {
    return this.#keyName(node.property, node.computed)
  }

  /** The script's own functions by the property names it keeps them under (null: a value that is not a plain function). */
  #methodDefinitions (): Map<string, Array<FunctionNode | null>> {
    const methods = new Map<string, Array<FunctionNode | null>>()
    const add = (name: string | undefined, fns: Array<FunctionNode | null>): void => {
      const key = name ?? '[computed]'
      methods.set(key, [...(methods.get(key) ?? []), ...fns])
    }
    for (const node of this.#properties) {
      const value = node.type === 'AssignmentExpression' ? node.right : node.value
      if (value === null || (node.type === 'Property' && this.#parents.get(node)?.type === 'ObjectPattern')) continue
      const name = node.type === 'AssignmentExpression'
        ? (node.left.type === 'MemberExpression' ? this.#memberKey(node.left) : undefined)
        : this.#keyName(node.key, node.computed)
      if (node.type === 'AssignmentExpression' && node.left.type !== 'MemberExpression') continue
      if (isFunction(value)) add(name, [value])
      else if (value.type === 'ClassExpression') add(name, [null])
      else if (value.type === 'Identifier') {
        const variable = this.#references.get(value)?.resolved
        const fns = variable === null || variable === undefined ? [] : this.#functionsOf(variable)
        if (fns.length > 0) add(name, fns)
      }
    }
    return methods
  }

  /** `const { get } = http`, `const get = http.get`: the variable is that k6 export. */
  #followK6Destructuring (declarator: ESTree.VariableDeclarator): void {
    const init = declarator.init
    if (init === null || init === undefined) return
    if (declarator.id.type === 'ObjectPattern' && init.type === 'Identifier') {
      const source = this.#k6Binding(init)
      if (source === undefined || source.name !== '*') return
      for (const property of declarator.id.properties) {
        if (property.type !== 'Property' || property.value.type !== 'Identifier') continue
        const name = propertyName(property.key, property.computed)
        const variable = this.#declared.get(property.value)
        if (name !== undefined && variable !== undefined) this.#k6.set(variable, { module: source.module, name })
      }
    } else if (declarator.id.type === 'Identifier' && init.type === 'MemberExpression' && init.object.type === 'Identifier') {
      const source = this.#k6Binding(init.object)
      const name = memberName(init)
      const variable = this.#declared.get(declarator.id)
      if (source !== undefined && source.name === '*' && name !== undefined && variable !== undefined) this.#k6.set(variable, { module: source.module, name })
    }
  }

  /** `const g = f` (f asynchronous) or `const g = makeClient()` (a factory of asynchronous functions). */
  #followDeclarator (declarator: ESTree.VariableDeclarator): void {
    if (declarator.id.type === 'ObjectPattern') { this.#followDestructuredMethods(declarator.id); return }
    if (declarator.id.type !== 'Identifier' || declarator.init === null || declarator.init === undefined) return
    const variable = this.#declared.get(declarator.id)
    if (variable === undefined || this.#asyncVars.has(variable)) return
    const init = declarator.init
    const fromAlias = init.type === 'Identifier' && this.#isAsyncValue(init)
    const fromFactory = init.type === 'CallExpression' && this.#calleeFunctions(init.callee).some((fn) => this.#factories.has(fn))
    // `const get = fetch.bind(client)`: calls to get block as fetch's do.
    const fromBind = init.type === 'CallExpression' && init.callee.type === 'MemberExpression' && this.#memberKey(init.callee) === 'bind' && this.#blocksWhenCalled(init.callee.object)
    if (fromAlias || fromFactory || fromBind) this.#asyncVars.add(variable)
  }

  /** `const { login } = helpers` where some object's `login` blocks: calls to `login()` block too. */
  #followDestructuredMethods (pattern: ESTree.ObjectPattern): void {
    for (const property of pattern.properties) {
      if (property.type !== 'Property' || property.value.type !== 'Identifier') continue
      const name = this.#keyName(property.key, property.computed)
      const variable = this.#declared.get(property.value)
      if (name !== undefined && variable !== undefined && this.#asyncProps.has(name) && !this.#k6.has(variable)) this.#asyncVars.add(variable)
    }
  }

  /** `{ get: f }`, `obj.get = f`: calls to `.get()` may reach f. */
  #followValueUses (variable: Variable): void {
    for (const reference of variable.references) {
      const parent = this.#parents.get(identifierOf(reference))
      const id = identifierOf(reference)
      if (parent?.type === 'Property' && parent.value === id) this.#addAsyncProperty(parent.key, parent.computed)
      else if (parent?.type === 'AssignmentExpression' && parent.right === id) this.#noteAssigned(parent.left)
      else if (parent?.type === 'ReturnStatement' || (parent?.type === 'ArrowFunctionExpression' && parent.body === id)) {
        const outer = parent.type === 'ReturnStatement' ? this.#enclosingFunction(parent) : parent
        if (outer !== null) this.#factories.add(outer)
      }
    }
  }

  /** `retry(() => http.get(u))`: a blocking callback passed to a script function makes that parameter blocking inside it. */
  #followCallbackArguments (call: ESTree.CallExpression): void {
    const fns = this.#calleeFunctions(call.callee)
    if (fns.length === 0) return
    call.arguments.forEach((arg, i) => {
      if (!this.#isAsyncCallback(arg)) return
      for (const fn of fns) {
        const param = fn.params[i]
        const variable = param?.type === 'Identifier' ? this.#declared.get(param) : undefined
        if (variable !== undefined) this.#asyncVars.add(variable)
      }
    })
  }

  /** Whether argument `index` of `call` lands in a script function's parameter that is awaited where called. */
  #isBlockingParameter (call: ESTree.CallExpression, index: number): boolean {
    const fns = this.#calleeFunctions(call.callee)
    return fns.length > 0 && fns.every((fn) => {
      const param = fn.params[index]
      const variable = param?.type === 'Identifier' ? this.#declared.get(param) : undefined
      return variable !== undefined && this.#asyncVars.has(variable)
    })
  }

  #classify (call: ESTree.CallExpression): AwaitKind | undefined {
    const callee = call.callee
    if (isFunction(callee)) return this.#converted.has(callee) ? 'await' : undefined
    if (callee.type === 'Identifier') {
      const k6 = this.#k6Binding(callee)
      if (k6 !== undefined && k6.name !== '*') return this.#classifyK6(call, k6.module, k6.name)
      return this.#isAsyncValue(callee) ? 'await' : undefined
    }
    if (callee.type !== 'MemberExpression') return undefined
    const name = this.#memberKey(callee)
    if ((name === 'call' || name === 'apply') && this.#blocksWhenCalled(callee.object)) return 'await'
    if (name === undefined) return this.#mayReachComputed(callee) ? 'await' : undefined
    const object = callee.object
    if (object.type === 'Identifier') {
      const k6 = this.#k6Binding(object)
      if (k6 !== undefined) return k6.name === '*' ? this.#classifyK6(call, k6.module, name) : undefined
    }
    // A blocking function under a key nothing names may be what `obj[key]()` reaches, whatever key says.
    if (callee.computed && this.#computedAsync && !this.#isBuiltinReceiver(object)) return 'await'
    if (name in AWAITED_ITERATORS && call.arguments[0] !== undefined && this.#isAsyncCallback(call.arguments[0])) return name as AwaitKind
    if (this.#asyncProps.has(name) && !this.#isBuiltinReceiver(object)) return 'await'
    return undefined
  }

  #isBuiltinReceiver (object: Node): boolean {
    return object.type === 'Identifier' && BUILTIN_RECEIVERS.has(object.name) && this.#references.get(object)?.resolved == null
  }

  /** `fn.call(…)` / `fn.apply(…)`: whether calling `fn` itself would block. */
  #blocksWhenCalled (node: Node): boolean {
    if (isFunction(node)) return this.#converted.has(node)
    if (node.type === 'Identifier') {
      const k6 = this.#k6Binding(node)
      if (k6 !== undefined) return k6.name !== '*' && isBlockingExport(k6.module, k6.name)
      return this.#isAsyncValue(node)
    }
    if (node.type !== 'MemberExpression') return false
    const name = this.#memberKey(node)
    const k6 = node.object.type === 'Identifier' ? this.#k6Binding(node.object) : undefined
    if (k6 !== undefined) return k6.name === '*' && name !== undefined && isBlockingExport(k6.module, name)
    return name !== undefined && this.#asyncProps.has(name) && !this.#isBuiltinReceiver(node.object)
  }

  /**
   * `obj[key]()` with a key nothing names: it may block when obj is a k6 module
   * with blocking exports, an object or class of the script holding a blocking
   * function, or when some blocking function is kept under such a key.
   */
  #mayReachComputed (callee: ESTree.MemberExpression): boolean {
    const object = callee.object
    if (this.#isBuiltinReceiver(object)) return false
    if (this.#computedAsync) return true
    if (object.type !== 'Identifier') return false
    const k6 = this.#k6Binding(object)
    if (k6 !== undefined) return k6.name === '*' && (BLOCKING_EXPORTS[k6.module]?.size ?? 0) > 0
    const variable = this.#references.get(object)?.resolved
    if (variable === null || variable === undefined) return false
    return variable.defs.some((def) => {
      const node = def.node as Node
      const holder = def.type === 'ClassName' ? node : def.type === 'Variable' ? (node as ESTree.VariableDeclarator).init : undefined
      return holder !== null && holder !== undefined && this.#holdsBlockingFunction(holder)
    })
  }

  #holdsBlockingFunction (holder: Node): boolean {
    if (holder.type === 'ObjectExpression') {
      return holder.properties.some((p) => p.type === 'Property' && (isFunction(p.value) ? this.#converted.has(p.value) : p.value.type === 'Identifier' && this.#isAsyncValue(p.value)))
    }
    if (holder.type === 'ClassDeclaration' || holder.type === 'ClassExpression') {
      return holder.body.body.some((m) => m.type === 'MethodDefinition' && this.#converted.has(m.value))
    }
    return false
  }

  #classifyK6 (call: ESTree.CallExpression, module: string, name: string): AwaitKind | undefined {
    if (isBlockingExport(module, name)) return 'await'
    if (isGroupExport(module, name)) {
      const callback = call.arguments[1]
      return callback !== undefined && this.#isAsyncCallback(callback) ? 'await' : undefined
    }
    return undefined
  }

  #isAsyncCallback (node: Node): boolean {
    if (isFunction(node)) return this.#converted.has(node)
    return node.type === 'Identifier' && this.#isAsyncValue(node)
  }

  #isAsyncValue (id: ESTree.Identifier): boolean {
    const variable = this.#references.get(id)?.resolved
    if (variable === null || variable === undefined) return false
    if (this.#asyncVars.has(variable)) return true
    return this.#functionsOf(variable).some((fn) => this.#converted.has(fn))
  }

  #k6Binding (id: ESTree.Identifier): K6Binding | undefined {
    const variable = this.#references.get(id)?.resolved
    return variable === null || variable === undefined ? undefined : this.#k6.get(variable)
  }

  /** The script functions a variable holds: its function declaration, or a function it is initialised with. */
  #functionsOf (variable: Variable): FunctionNode[] {
    const out: FunctionNode[] = []
    for (const def of variable.defs) {
      const node = def.node as Node
      if (def.type === 'FunctionName' && isFunction(node)) out.push(node)
      else if (def.type === 'Variable' && node.type === 'VariableDeclarator' && node.init !== null && node.init !== undefined && isFunction(node.init)) out.push(node.init)
    }
    return out
  }

  #calleeFunctions (callee: Node): FunctionNode[] {
    if (callee.type !== 'Identifier') return []
    const variable = this.#references.get(callee)?.resolved
    return variable === null || variable === undefined ? [] : this.#functionsOf(variable)
  }

  #await (call: ESTree.CallExpression, kind: AwaitKind): void {
    const fn = this.#enclosingFunction(call)
    if (fn === null) {
      this.#problem(call, `${describeCall(call)} is called in the init context (the top level of the script, run once per VU at load time): k6 does not allow blocking calls there either; move it into setup() or the default function`)
      return
    }
    if (this.#inParameters(call, fn)) {
      this.#problem(call, `${describeCall(call)} is called in a parameter's default value; move the call into the function body`)
      return
    }
    this.#awaited.set(call, kind)
    this.#convert(fn, call)
  }

  /** Makes `fn` asynchronous (it contains `because`, a blocking call) and notes how callers reach it. */
  #convert (fn: FunctionNode, because: ESTree.CallExpression): void {
    if (fn.async || this.#converted.has(fn)) return
    const parent = this.#parents.get(fn) ?? null
    if (fn.generator) { this.#problem(because, `${describeCall(because)} blocks, inside a generator function: a generator cannot wait; use a plain function`); return }
    if ((parent?.type === 'MethodDefinition' || parent?.type === 'Property') && parent.kind !== 'method' && parent.kind !== 'init') {
      this.#problem(because, `${describeCall(because)} blocks, inside a ${parent.kind === 'constructor' ? 'class constructor' : `${parent.kind}ter`}, which cannot wait; move the call into a method`)
      return
    }
    if (parent?.type === 'PropertyDefinition') { this.#problem(because, `${describeCall(because)} blocks, inside a class field initialiser, which cannot wait; move the call into a method`); return }
    this.#converted.add(fn)
    if (fn.type === 'FunctionDeclaration' && fn.id !== null) this.#addAsyncVariable(fn.id)
    if (parent === null) return
    switch (parent.type) {
      case 'VariableDeclarator': if (parent.init === fn && parent.id.type === 'Identifier') this.#addAsyncVariable(parent.id); break
      case 'Property': if (parent.value === fn) this.#addAsyncProperty(parent.key, parent.computed); break
      case 'MethodDefinition': this.#addAsyncProperty(parent.key, parent.computed); break
      case 'AssignmentExpression': if (parent.right === fn) this.#noteAssigned(parent.left); break
      case 'ReturnStatement': { const outer = this.#enclosingFunction(parent); if (outer !== null) this.#factories.add(outer); break }
      case 'ArrowFunctionExpression': if (parent.body === fn) this.#factories.add(parent); break
      default: break
    }
  }

  /** `x = f` / `obj.x = f` with f asynchronous: calls through x (or `.x`) block. */
  #noteAssigned (left: ESTree.Pattern | ESTree.MemberExpression): void {
    if (left.type === 'Identifier') {
      const variable = this.#references.get(left)?.resolved
      if (variable !== null && variable !== undefined) this.#asyncVars.add(variable)
    } else if (left.type === 'MemberExpression') {
      const name = this.#memberKey(left)
      if (name !== undefined) this.#asyncProps.add(name)
      else this.#computedAsync = true
    }
  }

  #addAsyncVariable (id: ESTree.Identifier): void {
    const variable = this.#declared.get(id)
    if (variable !== undefined) this.#asyncVars.add(variable)
  }

  #addAsyncProperty (key: Node, computed: boolean): void {
    const name = this.#keyName(key, computed)
    if (name === undefined) this.#computedAsync = true
    else this.#asyncProps.add(name)
  }

  /** Every use of an asynchronous function must be a call that is awaited, or a place the runner awaits. */
  #checkUses (): void {
    for (const fn of this.#converted) {
      const parent = this.#parents.get(fn) ?? null
      if (parent !== null && this.#isWaitedThrough(parent, fn)) continue
      if (parent?.type === 'CallExpression' && parent.callee !== fn) this.#checkPassedAsArgument(parent, fn, 'this function')
      else if (parent?.type === 'Property' && this.#isCheckArgument(parent)) this.#problem(fn, 'this check blocks (it makes k6 calls such as http.get or sleep); check() runs its callbacks synchronously, in k6 too: make the blocking call before check() and pass its result')
      else if (parent !== null && !QUIET_PARENTS.has(parent.type) && !(parent.type === 'CallExpression' && parent.callee === fn)) {
        this.#problem(fn, `this function blocks (it makes k6 calls such as http.get or sleep) and is used as a value (${parent.type}) where nothing waits for it; call it directly instead`)
      }
    }
    for (const variable of this.#variables) {
      if (!this.#asyncVars.has(variable) && !this.#functionsOf(variable).some((fn) => this.#converted.has(fn))) continue
      for (const reference of variable.references) {
        if (!reference.isRead()) continue
        const id = identifierOf(reference)
        const parent = this.#parents.get(id) ?? null
        if (parent === null || this.#isWaitedThrough(parent, id)) continue
        if (parent.type === 'CallExpression') {
          if (parent.callee !== id) this.#checkPassedAsArgument(parent, id, `"${variable.name}"`)
        } else if (!QUIET_PARENTS.has(parent.type) && !(parent.type === 'UnaryExpression' && parent.operator === 'typeof')) {
          this.#problem(id, `"${variable.name}" blocks (it makes k6 calls such as http.get or sleep) and is used as a value (${parent.type}) where nothing waits for it; call it directly instead`)
        }
      }
    }
  }

  /** `globalThis.x = …` in VU code: k6 gives each VU its own global object, here the thread has one. */
  #globalWrites (): Problem[] {
    const writes: Problem[] = []
    for (const id of this.#globalObjects) {
      if (this.#enclosingFunction(id) === null) continue
      let member: Node = id
      let parent = this.#parents.get(member) ?? null
      while (parent?.type === 'MemberExpression' && parent.object === member) { member = parent; parent = this.#parents.get(member) ?? null }
      const assigned = (parent?.type === 'AssignmentExpression' && parent.left === member) || parent?.type === 'UpdateExpression' || (parent?.type === 'UnaryExpression' && parent.operator === 'delete')
      if (member !== id && assigned) {
        writes.push({ pos: start(id), message: `${id.name}'s properties are assigned by VU code: k6 gives each VU its own global object, mib load's VUs of a thread share one (keep per-VU state in module variables)` })
      }
    }
    return writes
  }

  /** `fn.call(…)` / `fn.apply(…)` whose call is awaited, `const g = fn.bind(…)` whose calls are: fn's use waits. */
  #isWaitedThrough (parent: Node, used: Node): boolean {
    if (parent.type !== 'MemberExpression' || parent.object !== used) return false
    const name = this.#memberKey(parent)
    const call = this.#parents.get(parent)
    if (call?.type !== 'CallExpression' || call.callee !== parent) return false
    if (name === 'call' || name === 'apply') return this.#awaited.get(call) === 'await'
    const holder = this.#parents.get(call)
    return name === 'bind' && holder?.type === 'VariableDeclarator' && holder.init === call && holder.id.type === 'Identifier'
  }

  /**
   * k6 runs the init context once per VU, where __VU is that VU's number: a
   * top-level read of __VU or __ITER needs an init per VU here too
   * (`if (__VU === 0)`, "the first init only", holds without).
   */
  #initContextReads (): Problem[] {
    const reads: Problem[] = []
    for (const id of this.#globalReads) {
      if (this.#enclosingFunction(id) !== null || this.#isInitCheck(id)) continue
      reads.push({ pos: start(id), message: `${id.name} is read in the init context (the top level): k6 runs it once per VU, with each VU's own value` })
    }
    return reads
  }

  /** `if (__VU === 0)` / `if (!__VU)`: k6's idiom for "the first init only", which holds here too (0 in every thread's init). */
  #isInitCheck (id: ESTree.Identifier): boolean {
    const parent = this.#parents.get(id)
    if (parent?.type === 'UnaryExpression' && parent.operator === '!') return true
    if (parent?.type !== 'BinaryExpression' || !['==', '===', '!=', '!=='].includes(parent.operator)) return false
    const other = parent.left === id ? parent.right : parent.left
    return other.type === 'Literal' && other.value === 0
  }

  #checkPassedAsArgument (call: ESTree.CallExpression, arg: Node, what: string): void {
    const kind = this.#awaited.get(call)
    const callee = call.callee
    if (kind !== undefined && kind !== 'await' && call.arguments[0] === arg) return
    if (kind === 'await' && this.#isGroupCall(call) && call.arguments[1] === arg) return
    const index = call.arguments.indexOf(arg as ESTree.Expression)
    if (index !== -1 && this.#isBlockingParameter(call, index)) return
    const target = describeCallee(callee)
    const k6 = callee.type === 'Identifier' ? this.#k6Binding(callee) : callee.type === 'MemberExpression' && callee.object.type === 'Identifier' ? this.#k6Binding(callee.object) : undefined
    const name = k6 === undefined ? undefined : k6.name === '*' && callee.type === 'MemberExpression' ? memberName(callee) : k6.name
    const hint = k6 !== undefined && name !== undefined && takesSyncCallback(k6.module, name)
      ? `${target} runs its callbacks synchronously, in k6 too: make the blocking call before ${target} and pass its result`
      : `${target} would not wait for it: use a for…of loop, or call it directly`
    this.#problem(arg, `${what} blocks (it makes k6 calls such as http.get or sleep) and is passed to ${target}; ${hint}`)
  }

  /** A property of the object literal passed to k6's check(). */
  #isCheckArgument (property: ESTree.Property): boolean {
    const object = this.#parents.get(property)
    const call = object === undefined || object === null ? null : this.#parents.get(object) ?? null
    if (call?.type !== 'CallExpression' || !call.arguments.includes(object as ESTree.Expression)) return false
    const callee = call.callee
    const k6 = callee.type === 'Identifier' ? this.#k6Binding(callee) : callee.type === 'MemberExpression' && callee.object.type === 'Identifier' ? this.#k6Binding(callee.object) : undefined
    const name = k6 === undefined ? undefined : k6.name === '*' && callee.type === 'MemberExpression' ? memberName(callee) : k6.name
    return k6 !== undefined && name !== undefined && takesSyncCallback(k6.module, name)
  }

  #isGroupCall (call: ESTree.CallExpression): boolean {
    const callee = call.callee
    if (callee.type === 'Identifier') { const k6 = this.#k6Binding(callee); return k6 !== undefined && isGroupExport(k6.module, k6.name) }
    if (callee.type === 'MemberExpression' && callee.object.type === 'Identifier') {
      const k6 = this.#k6Binding(callee.object)
      return k6 !== undefined && k6.name === '*' && isGroupExport(k6.module, memberName(callee) ?? '')
    }
    return false
  }

  #enclosingFunction (node: Node): FunctionNode | null {
    let current = this.#parents.get(node) ?? null
    while (current !== null && !isFunction(current)) current = this.#parents.get(current) ?? null
    return current
  }

  #inParameters (node: Node, fn: FunctionNode): boolean {
    const at = start(node)
    return fn.params.some((param) => at >= start(param) && at < end(param))
  }

  #problem (node: Node, message: string): void {
    const key = `${start(node)}:${message}`
    if (this.#reported.has(key)) return
    this.#reported.add(key)
    this.#problems.push({ pos: start(node), message })
  }
}

const PER_VU_GLOBALS = new Set(['__VU', '__ITER'])
const GLOBAL_OBJECTS = new Set(['globalThis', 'global', 'self', 'window'])

// Where an asynchronous function may appear without being called: the runner or a rewritten call awaits it.
const QUIET_PARENTS = new Set<string>([
  'ExportDefaultDeclaration', 'ExportSpecifier', 'ExportNamedDeclaration', 'VariableDeclarator', 'Property', 'MethodDefinition',
  'AssignmentExpression', 'ReturnStatement', 'ArrowFunctionExpression', 'Program', 'BlockStatement'
])

// No JSX here: every reference is a plain identifier.
function identifierOf (reference: Reference): ESTree.Identifier {
  return reference.identifier as ESTree.Identifier
}

function describeCallee (callee: Node): string {
  if (callee.type === 'Identifier') return `${callee.name}()`
  if (callee.type === 'MemberExpression') {
    const name = memberName(callee)
    const object = callee.object.type === 'Identifier' ? `${callee.object.name}.` : callee.object.type === 'ThisExpression' ? 'this.' : '.'
    return `${object}${name ?? '[…]'}()`
  }
  return 'a function call'
}

function describeCall (call: ESTree.CallExpression): string {
  return describeCallee(call.callee)
}
