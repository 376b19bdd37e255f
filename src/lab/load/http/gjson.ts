/**
 * The gjson path subset k6 scripts use in res.json(selector):
 *   "data.items.0.id"        keys and array indexes, "\." escapes a dot
 *   "data.items.#"           an array's length
 *   "data.items.#.id"        the rest of the path over every element
 *   "data.it*s", "na?e"      wildcards in a key (first match)
 *   "items.#(id==2).name"    the first element matching a query (==, !=, <, <=, >, >=; "#(...)#": all matches)
 * Not supported (undefined): modifiers ("@reverse"), multipaths, JSON Lines.
 */
export function gjsonGet (value: unknown, path: string): unknown {
  return walk(value, splitPath(path))
}

function splitPath (path: string): string[] {
  const parts: string[] = []
  let current = ''
  let depth = 0
  for (let i = 0; i < path.length; i++) {
    const ch = path[i] as string
    if (ch === '\\' && i + 1 < path.length) { current += path[++i]; continue }
    if (ch === '(') depth++
    else if (ch === ')') depth--
    if (ch === '.' && depth === 0) { parts.push(current); current = ''; continue }
    current += ch
  }
  parts.push(current)
  return parts
}

function walk (value: unknown, parts: readonly string[]): unknown {
  if (parts.length === 0) return value
  const [head, ...rest] = parts as [string, ...string[]]
  if (head === '#' && Array.isArray(value)) {
    return rest.length === 0 ? value.length : value.map((item) => walk(item, rest)).filter((v) => v !== undefined)
  }
  if (head.startsWith('#(') && Array.isArray(value)) {
    const all = head.endsWith(')#')
    const query = parseQuery(head.slice(2, all ? -2 : -1))
    if (query === undefined) return undefined
    const matches = value.filter((item) => query(item))
    if (all) return matches.map((item) => walk(item, rest)).filter((v) => v !== undefined)
    return matches.length === 0 ? undefined : walk(matches[0], rest)
  }
  if (value === null || typeof value !== 'object') return undefined
  if (Array.isArray(value)) return /^\d+$/.test(head) ? walk(value[Number(head)], rest) : undefined
  const record = value as Record<string, unknown>
  if (Object.hasOwn(record, head)) return walk(record[head], rest)
  if (head.includes('*') || head.includes('?')) {
    const pattern = wildcard(head)
    for (const key of Object.keys(record)) if (pattern.test(key)) return walk(record[key], rest)
  }
  return undefined
}

function wildcard (key: string): RegExp {
  return new RegExp(`^${key.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`)
}

type Query = (item: unknown) => boolean

function parseQuery (text: string): Query | undefined {
  const match = /^(.*?)(==|!=|<=|>=|<|>)(.*)$/.exec(text)
  if (match === null) {
    // "#(key)": elements that have the key.
    const parts = splitPath(text.trim())
    return (item) => walk(item, parts) !== undefined
  }
  const [, rawKey, op, rawValue] = match as unknown as [string, string, string, string]
  const parts = splitPath(rawKey.trim())
  const target = literal(rawValue.trim())
  return (item) => {
    const found = walk(item, parts)
    if (found === undefined) return false
    switch (op) {
      case '==': return found === target
      case '!=': return found !== target
      case '<': return (found as number) < (target as number)
      case '<=': return (found as number) <= (target as number)
      case '>': return (found as number) > (target as number)
      default: return (found as number) >= (target as number)
    }
  }
}

function literal (text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text // an unquoted word: compare as a string
  }
}
