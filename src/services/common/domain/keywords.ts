/**
 * What a news keyword is, once for every service: the gateway and the engine
 * normalise, check and deduplicate keywords with these functions, so a keyword
 * the gateway forwards is one the engine takes (a copy that disagreed let the
 * gateway forward `"`-keywords the engine then refused).
 */
import { REQUEST_LIMITS } from './limits.js'

/** Longest keyword, in characters (code points) after normalisation. */
export const KEYWORD_MAX_CHARS = REQUEST_LIMITS.maxKeywordChars

/**
 * Characters no keyword may hold. `"`: the engine sends a keyword that is not
 * one plain word to the news provider as an exact phrase in double quotes
 * (NewsAPI's `q` syntax); a `"` inside would close the phrase early and turn
 * the rest of the keyword into search syntax (operators, other phrases).
 */
export const KEYWORD_FORBIDDEN_CHARS = ['"'] as const

const HAS_WORD = /[\p{L}\p{N}]/u
const WHITESPACE_RUN = /\s+/g

/** The rule in words, for error messages and docs. */
export const KEYWORD_RULE = `1-${KEYWORD_MAX_CHARS} characters with at least one letter or digit and no ${KEYWORD_FORBIDDEN_CHARS.join(' ')}`

/** Trimmed, inner whitespace runs collapsed to one space: the form every service checks, compares and sends on. */
export function normaliseKeyword (raw: string): string {
  return raw.trim().replace(WHITESPACE_RUN, ' ')
}

/** Length in characters (code points), so a keyword in any script counts as a reader would count it. */
function charCount (text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/** Why a normalised keyword is not one, or undefined when it is. */
export function keywordProblem (keyword: string): string | undefined {
  if (keyword === '') return 'is blank'
  if (charCount(keyword) > KEYWORD_MAX_CHARS) return `is longer than ${KEYWORD_MAX_CHARS} characters`
  if (!HAS_WORD.test(keyword)) return 'has no letter or digit'
  const forbidden = KEYWORD_FORBIDDEN_CHARS.find((c) => keyword.includes(c))
  if (forbidden !== undefined) return `holds ${forbidden}, which the news search cannot quote`
  return undefined
}

/** How each service reports a refused list (its own error codes). */
export interface KeywordListErrors {
  invalid: (raw: string, problem: string) => Error
  tooMany: (count: number, max: number) => Error
}

/**
 * Each keyword normalised and checked, then deduplicated case-insensitively
 * (first occurrence wins), then at most `maxKeywords` of them. The count is of
 * distinct keywords, so the gateway (which deduplicates before forwarding) and
 * the engine count alike.
 */
export function parseKeywordList (raw: readonly string[], maxKeywords: number, errors: KeywordListErrors): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const value of raw) {
    const keyword = normaliseKeyword(value)
    const problem = keywordProblem(keyword)
    if (problem !== undefined) throw errors.invalid(value, problem)
    const key = keyword.toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    out.push(keyword)
  }
  if (out.length > maxKeywords) throw errors.tooMany(out.length, maxKeywords)
  return out
}
