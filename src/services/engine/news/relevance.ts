/**
 * How well an item matches query keywords, 0..1: each keyword scores 1 when all
 * its words are in the title, 0.5 when they are only in the body, 0 otherwise;
 * the score is the mean over the keywords, so an item matching every keyword in
 * its title scores 1.
 */
export interface KeywordMatch {
  /** The query keywords (as given) the item matched. */
  matched: string[]
  relevance: number
}

export interface MatchTarget {
  inTitle: (word: string) => boolean
  inText: (word: string) => boolean
}

/** `keywords[i]` is the original keyword, `wordLists[i]` its words (see keywordWords). */
export function matchKeywords (keywords: readonly string[], wordLists: ReadonlyArray<readonly string[]>, target: MatchTarget): KeywordMatch {
  if (keywords.length === 0) return { matched: [], relevance: 0 }
  const matched: string[] = []
  let score = 0
  for (let i = 0; i < keywords.length; i++) {
    const words = wordLists[i] ?? []
    if (words.length === 0 || !words.every(target.inText)) continue
    matched.push(keywords[i] as string)
    score += words.every(target.inTitle) ? 1 : 0.5
  }
  return { matched, relevance: Math.round((score / keywords.length) * 10_000) / 10_000 }
}
