/**
 * The few syntax-tree helpers the transform needs: parsing (acorn), a walk
 * that records each node's parent, and node kinds.
 */
import { parse } from 'acorn'
import type * as ESTree from 'estree'

export type Node = ESTree.Node
export type FunctionNode = ESTree.FunctionDeclaration | ESTree.FunctionExpression | ESTree.ArrowFunctionExpression

export function parseModule (code: string): ESTree.Program {
  return parse(code, { ecmaVersion: 'latest', sourceType: 'module', ranges: true, allowHashBang: true }) as unknown as ESTree.Program
}

export function isFunction (node: Node): node is FunctionNode {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression'
}

export function start (node: Node): number { return (node.range as [number, number])[0] }
export function end (node: Node): number { return (node.range as [number, number])[1] }

/** Every node once, parents first, with its parent (null for the program). */
export function walk (root: Node, visit: (node: Node, parent: Node | null) => void): void {
  const stack: Array<[Node, Node | null]> = [[root, null]]
  while (stack.length > 0) {
    const [node, parent] = stack.pop() as [Node, Node | null]
    visit(node, parent)
    const children: Node[] = []
    for (const key in node) {
      if (key === 'range' || key === 'loc' || key === 'type') continue
      const value = (node as unknown as Record<string, unknown>)[key]
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) children.push(item)
      } else if (isNode(value)) children.push(value)
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i] as Node, node])
  }
}

function isNode (value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'
}

/** The name of a non-computed (or string-literal) property key, else undefined. */
export function propertyName (key: Node, computed: boolean): string | undefined {
  if (!computed && key.type === 'Identifier') return key.name
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value
  return undefined
}

/** `obj.name(...)` / `obj['name'](...)`: the member's name. */
export function memberName (node: ESTree.MemberExpression): string | undefined {
  return node.property.type === 'PrivateIdentifier' ? undefined : propertyName(node.property, node.computed)
}

/** The identifiers a binding pattern declares or assigns: `a`, `{ a, b: [c] }`, `...rest`, `d = 1`. */
export function patternIdentifiers (pattern: ESTree.Pattern): ESTree.Identifier[] {
  switch (pattern.type) {
    case 'Identifier': return [pattern]
    case 'ObjectPattern': return pattern.properties.flatMap((p) => patternIdentifiers(p.type === 'RestElement' ? p.argument : p.value))
    case 'ArrayPattern': return pattern.elements.flatMap((e) => e === null ? [] : patternIdentifiers(e))
    case 'AssignmentPattern': return patternIdentifiers(pattern.left)
    case 'RestElement': return patternIdentifiers(pattern.argument)
    default: return []
  }
}
