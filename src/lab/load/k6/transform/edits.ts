/**
 * Text edits on the bundle: insertions (and the odd replacement of nothing),
 * applied in one pass. Never a new line: the bundle's lines (and its source
 * map, line-wise) stay right.
 */
export interface Edit {
  readonly from: number
  /** Replaced up to here (== from for an insertion). */
  readonly to: number
  readonly text: string
  /** At one position: closings (0) before openings (1). */
  readonly rank: number
  /** Among openings, the outer (longer) first; among closings, the inner (later start) first. */
  readonly order: number
}

export const insert = (at: number, text: string, rank: number, order: number): Edit => ({ from: at, to: at, text, rank, order })

export function applyEdits (code: string, edits: Edit[]): string {
  edits.sort((a, b) => a.from - b.from || a.rank - b.rank || a.order - b.order)
  let out = ''
  let at = 0
  for (const edit of edits) {
    out += code.slice(at, edit.from) + edit.text
    at = Math.max(at, edit.to, edit.from)
  }
  return out + code.slice(at)
}

export function prependOnFirstLine (code: string, text: string): string {
  // After a hashbang the first line must stay a comment.
  if (code.startsWith('#!')) {
    const newline = code.indexOf('\n')
    return `${code.slice(0, newline + 1)}${text}${code.slice(newline + 1)}`
  }
  return text + code
}
