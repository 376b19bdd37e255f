/**
 * Finance sentiment from a small lexicon (in the spirit of Loughran-McDonald:
 * words that are neutral in everyday English, like "liability" or "volatile",
 * lean negative in market news). Strong words weigh 2. A negator up to three
 * words before flips the sign ("not profitable"). The sum is squashed into
 * -1..1 with VADER's normalisation x / sqrt(x² + 15), so one mild word gives
 * ±0.25 and a headline full of them approaches ±1 without reaching it.
 */
const POSITIVE: Record<string, number> = Object.fromEntries([
  ...['gain', 'gains', 'gained', 'rise', 'rises', 'rose', 'rising', 'up', 'higher', 'growth', 'grow', 'grows', 'growing',
    'profit', 'profits', 'profitable', 'beat', 'beats', 'upgrade', 'upgraded', 'upgrades', 'strong', 'stronger', 'strength',
    'bullish', 'optimistic', 'optimism', 'outperform', 'outperforms', 'positive', 'improve', 'improved', 'improves',
    'recovery', 'rebound', 'rebounds', 'boost', 'boosts', 'boosted', 'expand', 'expands', 'expansion', 'exceed',
    'exceeds', 'exceeded', 'buy', 'dividend', 'innovative', 'success', 'successful', 'win', 'wins', 'approval',
    'approved', 'partnership', 'confident', 'confidence', 'upbeat', 'robust', 'resilient', 'advance', 'advances']
    .map((w) => [w, 1] as const),
  ...['surge', 'surges', 'surged', 'soar', 'soars', 'soared', 'rally', 'rallies', 'rallied', 'record', 'breakthrough',
    'skyrocket', 'skyrockets', 'blowout', 'jump', 'jumps', 'jumped'].map((w) => [w, 2] as const)
])

const NEGATIVE: Record<string, number> = Object.fromEntries([
  ...['loss', 'losses', 'fall', 'falls', 'fell', 'falling', 'down', 'lower', 'decline', 'declines', 'declined', 'drop',
    'drops', 'dropped', 'miss', 'misses', 'missed', 'downgrade', 'downgraded', 'downgrades', 'weak', 'weaker', 'weakness',
    'bearish', 'pessimistic', 'underperform', 'underperforms', 'negative', 'concern', 'concerns', 'risk', 'risks', 'risky',
    'volatile', 'volatility', 'uncertainty', 'uncertain', 'lawsuit', 'litigation', 'investigation', 'probe', 'recall',
    'layoff', 'layoffs', 'cut', 'cuts', 'sell', 'selloff', 'warning', 'warns', 'warned', 'debt', 'liability', 'liabilities',
    'slowdown', 'inflation', 'recession', 'penalty', 'fine', 'fined', 'delay', 'delayed', 'shortage', 'headwinds', 'slip',
    'slips', 'slipped', 'slide', 'slides', 'tumble', 'tumbles'].map((w) => [w, 1] as const),
  ...['plunge', 'plunges', 'plunged', 'crash', 'crashes', 'crashed', 'collapse', 'collapses', 'collapsed', 'bankruptcy',
    'bankrupt', 'fraud', 'default', 'defaults', 'scandal', 'slump', 'slumps', 'slumped', 'plummet', 'plummets', 'tank',
    'tanks', 'tanked'].map((w) => [w, 2] as const)
])

const NEGATORS = new Set(['not', 'no', 'never', 'without', 'neither', 'nor', 'hardly', 'barely', 'isn', 'wasn', 'didn', 'doesn', 'don', 'won', 'cannot'])
const NEGATION_REACH = 3
const NORMALISATION_ALPHA = 15

/** -1 (negative) .. 1 (positive), rounded to 4 decimals; 0 when no lexicon word occurs. */
export function scoreSentiment (words: readonly string[]): number {
  let sum = 0
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string
    const weight = (POSITIVE[word] ?? 0) - (NEGATIVE[word] ?? 0)
    if (weight === 0) continue
    sum += isNegated(words, i) ? -weight : weight
  }
  if (sum === 0) return 0
  return Math.round((sum / Math.sqrt(sum * sum + NORMALISATION_ALPHA)) * 10_000) / 10_000
}

function isNegated (words: readonly string[], index: number): boolean {
  for (let j = Math.max(0, index - NEGATION_REACH); j < index; j++) {
    if (NEGATORS.has(words[j] as string)) return true
  }
  return false
}
