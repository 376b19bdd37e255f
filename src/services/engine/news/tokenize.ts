/** Lowercase words of letters and digits: the unit of the keyword index, sentiment and relevance. */
const WORD = /[\p{L}\p{N}]+/gu

export function tokenize (text: string): string[] {
  return text.toLowerCase().match(WORD) ?? []
}

/**
 * A query keyword as the words it must contain: "Interest Rates" → ["interest", "rates"].
 * Multi-word keywords match when every word occurs (the index holds words, not phrases).
 */
export function keywordWords (keyword: string): string[] {
  return [...new Set(tokenize(keyword))]
}
