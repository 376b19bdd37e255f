/** `Authorization: Bearer <token>` checks shared by the profiling admin listener and the gateway's operator actions. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 24 random bytes, hex: as the stack supervisor generates them. */
export function generateToken (): string {
  return randomBytes(24).toString('hex')
}

/**
 * Compares in constant time. Both sides are hashed first so the comparison
 * never short-cuts on length and the token's length does not leak either.
 */
export function tokenMatches (given: string, expected: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken (authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  return match?.[1]
}
