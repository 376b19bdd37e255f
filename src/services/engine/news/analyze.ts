/**
 * Everything the engine derives from an article's text, computed once at
 * ingestion: the words the keyword index holds, sentiment and symbols.
 */
import { scoreSentiment } from './sentiment.js'
import type { SymbolExtractor } from './symbols.js'
import { tokenize } from './tokenize.js'

export interface ArticleText {
  title: string
  description: string
  content: string
}

export interface TextAnalysis {
  /** Distinct lowercase words of title + description + content. */
  words: string[]
  titleWords: Set<string>
  sentiment: number
  symbols: string[]
}

export function analyzeText (text: ArticleText, symbols: SymbolExtractor): TextAnalysis {
  const full = `${text.title}\n${text.description}\n${text.content}`
  const tokens = tokenize(full)
  return {
    words: [...new Set(tokens)],
    titleWords: new Set(tokenize(text.title)),
    sentiment: scoreSentiment(tokens),
    symbols: symbols.extract(full, tokens)
  }
}
