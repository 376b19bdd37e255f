/**
 * The words news articles are made of. Sentiment lives in the phrases of
 * SENTIMENT_WORDING, so a lexicon-based scorer recovers it: every positive or
 * negative headline has a verb and a link word from common finance lexicons
 * (surge/plunge, strong/weak), while context sentences and neutral wording stay
 * free of polar words (no gain/loss, up/down) on purpose.
 */

export type Sentiment = 'positive' | 'negative' | 'neutral'

export interface Topic {
  /** The search keywords the topic guarantees to appear in the text (lower case). */
  keywords: readonly string[]
  /** How the topic is named in a sentence, e.g. "quarterly earnings report". */
  noun: string
  /** Applies to a company ("company") or to the whole market ("macro"). */
  scope: 'company' | 'macro' | 'both'
  /**
   * The topic's own words carry sentiment in common finance lexicons ("dividend"
   * reads positive, "inflation" negative): never used for neutral articles.
   */
  loaded?: boolean
}

export const TOPICS: readonly Topic[] = [
  { keywords: ['earnings'], noun: 'quarterly earnings report', scope: 'company' },
  { keywords: ['earnings', 'revenue'], noun: 'earnings and revenue figures', scope: 'company' },
  { keywords: ['revenue', 'guidance'], noun: 'revenue guidance for the next quarter', scope: 'company' },
  { keywords: ['dividend'], noun: 'dividend announcement', scope: 'company', loaded: true },
  { keywords: ['buyback'], noun: 'share buyback program', scope: 'company' },
  { keywords: ['merger', 'acquisition'], noun: 'merger and acquisition talks', scope: 'company' },
  { keywords: ['acquisition'], noun: 'acquisition plans', scope: 'company' },
  { keywords: ['ipo'], noun: 'IPO filing of a spin-off unit', scope: 'company' },
  { keywords: ['technology', 'ai'], noun: 'AI technology roadmap', scope: 'company' },
  { keywords: ['technology'], noun: 'technology product launch', scope: 'company' },
  { keywords: ['semiconductors', 'technology'], noun: 'semiconductors supply update', scope: 'both' },
  { keywords: ['analyst', 'rating'], noun: 'analyst rating change', scope: 'company' },
  { keywords: ['regulation'], noun: 'regulation review by authorities', scope: 'both' },
  { keywords: ['crypto', 'bitcoin'], noun: 'crypto exposure and bitcoin holdings', scope: 'both' },
  { keywords: ['crypto'], noun: 'crypto market developments', scope: 'macro' },
  { keywords: ['bonds', 'treasury'], noun: 'bonds and Treasury yields', scope: 'macro' },
  { keywords: ['economy', 'gdp'], noun: 'economy data and GDP figures', scope: 'macro' },
  { keywords: ['economy', 'jobs'], noun: 'jobs report on the economy', scope: 'macro' },
  { keywords: ['fed', 'interest', 'rates'], noun: 'Fed decision on interest rates', scope: 'macro' },
  { keywords: ['fed'], noun: 'Fed minutes', scope: 'macro' },
  { keywords: ['inflation'], noun: 'inflation report', scope: 'macro', loaded: true },
  { keywords: ['inflation', 'economy'], noun: 'inflation data for the economy', scope: 'macro', loaded: true },
  { keywords: ['oil', 'energy'], noun: 'oil prices and energy costs', scope: 'both' },
  { keywords: ['tariffs', 'trade'], noun: 'tariffs and trade policy', scope: 'both' },
  { keywords: ['banking'], noun: 'banking sector update', scope: 'both' },
  { keywords: ['retail', 'consumer'], noun: 'retail sales and consumer spending data', scope: 'both' }
]

/** Every keyword a search is guaranteed to find articles for (given a few hours of history). */
export const NEWS_KEYWORDS: readonly string[] = [
  ...new Set(['stock', 'market', 'trading', 'investment', 'finance', 'shares', 'investors', ...TOPICS.flatMap((t) => t.keywords)])
]

interface Wording {
  /** Company headline verbs: "{company} ({ticker}) stock surges". */
  companyMoves: readonly string[]
  /** Macro headline verbs: "Stock market rallies". */
  marketMoves: readonly string[]
  /** Link between the move and the topic: "after strong". */
  links: readonly string[]
  /** Description verb with a percent: "shares rose 2.1%". */
  described: string
  /** How investors took it: "welcomed". */
  reactions: readonly string[]
  /** Closing sentence of the content. */
  closers: readonly string[]
  /** Percent move band [min, max] for the description. */
  movePercent: readonly [number, number]
}

export const SENTIMENT_WORDING: Record<Sentiment, Wording> = {
  positive: {
    companyMoves: ['stock surges', 'shares rally', 'stock rises', 'shares jump', 'shares gain'],
    marketMoves: ['Stock market rallies', 'Stocks surge', 'Markets gain'],
    links: ['after strong', 'on upbeat', 'on robust', 'after record'],
    described: 'rose',
    reactions: ['welcomed', 'cheered', 'applauded'],
    closers: [
      'Analysts called the news strong and said the outlook remains bright.',
      'Several brokers raised their targets, citing robust demand and solid growth.',
      'Investors showed renewed optimism and confidence in the gains ahead.'
    ],
    movePercent: [0.8, 6.5]
  },
  negative: {
    companyMoves: ['stock plunges', 'shares tumble', 'stock slides', 'shares drop', 'stock falls'],
    marketMoves: ['Stock market slumps', 'Stocks tumble', 'Markets slide'],
    links: ['after weak', 'amid concerns over', 'on weaker', 'on risks from'],
    described: 'fell',
    reactions: ['worried about', 'feared', 'criticized'],
    closers: [
      'Analysts called the news weak and warned of further losses.',
      'Several brokers cut their targets, citing poor demand and mounting risks.',
      'Investors showed concern and fear about a deeper decline ahead.'
    ],
    movePercent: [0.8, 6.5]
  },
  neutral: {
    companyMoves: ['stock little changed', 'shares trade flat', 'stock holds near prior close'],
    marketMoves: ['Stock market flat', 'Stocks mixed', 'Markets little changed'],
    links: ['ahead of', 'following', 'as investors assess', 'before'],
    described: 'moved',
    reactions: ['assessed', 'reviewed', 'digested'],
    closers: [
      'Analysts said the figures were in line with expectations.',
      'Brokers kept their targets unchanged pending further details.',
      'Investors are waiting for more information before adjusting positions.'
    ],
    movePercent: [0, 0.3]
  }
}

/** Sentiment-free sentences that carry the base finance keywords into the content. */
export const CONTEXT_SENTENCES: readonly string[] = [
  'Trading volume reached {volume} million shares during the session.',
  'The wider stock market session also saw activity in {sector} names.',
  'Portfolio managers are reviewing investment allocations across the {sector} sector.',
  'Corporate finance teams across the {sector} industry are watching the developments.',
  'Options trading on the stock was active ahead of the close.',
  'Wall Street finance desks reported client flows in {sector} investment products.'
]

export const SECTORS: readonly string[] = ['technology', 'banking', 'healthcare', 'consumer', 'energy', 'industrial']

export const SOURCES: ReadonlyArray<{ id: string, name: string }> = [
  { id: 'mib-wire', name: 'MIB Wire' },
  { id: 'mib-markets', name: 'MIB Markets Desk' },
  { id: 'mib-finance', name: 'MIB Finance Daily' }
]

export const AUTHORS: readonly string[] = [
  'Alex Morgan', 'Priya Raman', 'Daniel Okafor', 'Mei Chen', 'Lucas Fischer',
  'Sofia Rossi', 'Omar Haddad', 'Hannah Lee', 'Jonas Berg', 'Ana Souza'
]

export const SESSIONS: readonly string[] = ['early', 'midday', 'afternoon', 'late']
