/** jslib.k6.io/k6-utils (any version), built in: the random helpers, uuidv4 and findBetween. */
import './globals.js'
import { randomUUID } from 'node:crypto'

export function randomIntBetween (min: number, max: number): number {
  return Math.floor(Math.random() * (max - min + 1) + min)
}

export function randomItem<T> (items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789'

export function randomString (length: number, charset = ALPHANUMERIC): string {
  let out = ''
  for (let i = 0; i < length; i++) out += charset[Math.floor(Math.random() * charset.length)] ?? ''
  return out
}

export function uuidv4 (): string {
  return randomUUID()
}

/** The text between `left` and `right` (the first, or every one with repeat). */
export function findBetween (content: string, left: string, right: string, repeat = false): string | string[] | null {
  const found: string[] = []
  let from = 0
  for (;;) {
    const open = content.indexOf(left, from)
    if (open === -1) break
    const close = content.indexOf(right, open + left.length)
    if (close === -1) break
    found.push(content.slice(open + left.length, close))
    if (!repeat) break
    from = close + right.length
  }
  return repeat ? found : (found[0] ?? null)
}

export default { randomIntBetween, randomItem, randomString, uuidv4, findBetween }
