/** How much of a refused value an error message quotes. */
const PREVIEW_CHARS = 40

/** In u mode a surrogate range matches only unpaired surrogates (a pair is one code point). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/gu

/**
 * `text` with every unpaired surrogate replaced by U+FFFD (String#toWellFormed,
 * not in our TS lib yet). grpc-js cannot put an unpaired surrogate in a status
 * trailer (encodeURI throws), and then the RPC is never answered.
 */
export function wellFormed (text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD')
}

/**
 * The start of a refused value for an error message, cut between characters
 * (a cut inside a surrogate pair, `'😀'.slice(0, 1)`, leaves an unpaired one).
 */
export function preview (raw: string): string {
  return wellFormed(Array.from(raw.slice(0, 2 * PREVIEW_CHARS)).slice(0, PREVIEW_CHARS).join(''))
}
