/**
 * A strict zod object whose "unknown key" problems carry a hint: the closest
 * known key (a typo), or what to use instead (a k6 option mib does not support).
 */
import { z } from 'zod'

export function strictObjectWithHints<Shape extends z.ZodRawShape> (
  shape: Shape,
  hints: Record<string, string> = {}
): z.ZodObject<Shape, z.core.$strict> {
  const known = Object.keys(shape)
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined
      return issue.keys.map((key) => unknownKeyMessage(key, known, hints)).join('; ')
    }
  })
}

export function unknownKeyMessage (key: string, known: string[], hints: Record<string, string>): string {
  const hint = hints[key]
  if (hint !== undefined) return `unknown key "${key}": ${hint}`
  const near = closest(key, known)
  return near === undefined ? `unknown key "${key}" (known: ${known.join(', ')})` : `unknown key "${key}" (did you mean "${near}"?)`
}

function closest (word: string, candidates: string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase())
    if (d < bestDistance) { best = candidate; bestDistance = d }
  }
  return best
}

// Levenshtein distance; the inputs are option names, so O(n·m) is nothing.
function distance (a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost)
    }
    previous = current
  }
  return previous[b.length] as number
}
