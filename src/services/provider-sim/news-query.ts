/**
 * The `q` parameter of /v2/everything: a subset of NewsAPI's search syntax.
 *
 * - keywords separated by spaces or `OR` match when ANY of them appears;
 * - `a AND b` groups keywords that must ALL appear;
 * - `"exact phrase"` matches words in sequence;
 * - `+word` must appear, `-word` or `NOT word` must not;
 * - parentheses are accepted and ignored (no nesting semantics).
 * Matching is case-insensitive, on whole words of title, description and content.
 */

export interface Term {
  /** Lower-case words; more than one for a quoted phrase. */
  words: string[]
}

export interface NewsQuery {
  /** Groups joined by OR; within a group every term must match (AND). Empty = no constraint. */
  anyOf: Term[][]
  required: Term[]
  excluded: Term[]
}


const TOKEN = /"([^"]*)"|(\S+)/g

export function parseNewsQuery (q: string): NewsQuery {
  const query: NewsQuery = { anyOf: [], required: [], excluded: [] }
  let group: Term[] = []
  let joinNextWithAnd = false
  let negateNext = false
  const flush = (): void => {
    if (group.length > 0) query.anyOf.push(group)
    group = []
  }
  for (const match of q.replace(/[()]/g, ' ').matchAll(TOKEN)) {
    const phrase = match[1]
    let raw = match[2]
    if (phrase === undefined && (raw === 'OR' || raw === 'AND' || raw === 'NOT')) {
      if (raw === 'AND') joinNextWithAnd = true
      if (raw === 'NOT') negateNext = true
      continue
    }
    let mode: 'any' | 'required' | 'excluded' = negateNext ? 'excluded' : 'any'
    negateNext = false
    if (raw !== undefined && (raw.startsWith('+') || raw.startsWith('-')) && raw.length > 1) {
      mode = raw.startsWith('+') ? 'required' : 'excluded'
      raw = raw.slice(1)
    }
    const term = toTerm(phrase ?? raw ?? '')
    if (term === undefined) continue
    if (mode === 'required') query.required.push(term)
    else if (mode === 'excluded') query.excluded.push(term)
    else {
      if (!joinNextWithAnd) flush()
      group.push(term)
    }
    joinNextWithAnd = false
  }
  flush()
  return query
}

/** True when the query constrains nothing (e.g. only operators or punctuation). */
export function isEmptyQuery (query: NewsQuery): boolean {
  return query.anyOf.length === 0 && query.required.length === 0 && query.excluded.length === 0
}

function toTerm (text: string): Term | undefined {
  const words = wordsOf(text)
  return words.length > 0 ? { words } : undefined
}

/**
 * Lower-case words of letters and digits in any script (NFKC, so fullwidth
 * `ＡＡＰＬ` is `aapl`): the unit both queries and articles are cut into. NewsAPI
 * searches any language; an ASCII-only cut made `é` or `日本` an empty query,
 * refused, and so a 502 for the client (issue 11).
 */
export function wordsOf (text: string): string[] {
  return text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}&]+/u).filter((w) => w.length > 0)
}

/** An article's text, prepared once for many queries. */
export interface SearchableText {
  words: ReadonlySet<string>
  /** Words joined by single spaces with a space at both ends, for phrase matching. */
  joined: string
}

// Articles share a small vocabulary: one string instance per distinct word keeps
// thousands of stored articles from each holding their own copies. Bounded,
// because query words are never interned, only generated text.
const vocabulary = new Map<string, string>()
const MAX_VOCABULARY = 50_000

function intern (word: string): string {
  const known = vocabulary.get(word)
  if (known !== undefined) return known
  if (vocabulary.size < MAX_VOCABULARY) vocabulary.set(word, word)
  return word
}

export function toSearchable (text: string): SearchableText {
  const words = wordsOf(text).map(intern)
  return { words: new Set(words), joined: ` ${words.join(' ')} ` }
}

export function matches (query: NewsQuery, text: SearchableText): boolean {
  const has = (term: Term): boolean => term.words.length === 1
    ? text.words.has(term.words[0] ?? '')
    : text.joined.includes(` ${term.words.join(' ')} `)
  if (!query.required.every(has)) return false
  if (query.excluded.some(has)) return false
  return query.anyOf.length === 0 || query.anyOf.some((group) => group.every(has))
}
