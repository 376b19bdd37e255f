/**
 * The client → server messages of /api/v1/ws/market-data:
 *   {"action":"subscribe","symbols":["AAPL","MSFT"]}   ("*" = every symbol)
 *   {"action":"unsubscribe","symbols":["AAPL"]}
 *   {"action":"ping"}
 * `type` is accepted as a synonym of `action` (clients of the original system use either).
 */
import { z } from 'zod'
import { WsInvalidMessageError } from '../errors.js'
import { SYMBOL_PATTERN } from '../schemas.js'
import { WILDCARD } from './hub.js'

const symbolRegex = new RegExp(SYMBOL_PATTERN)
const symbolSchema = z.string().refine((s) => s === WILDCARD || symbolRegex.test(s), { message: 'must be a ticker symbol such as "AAPL" or "*"' })

const messageSchema = z.object({
  action: z.enum(['subscribe', 'unsubscribe', 'ping']),
  symbols: z.array(symbolSchema).min(1).optional()
})

export type ClientMessage =
  | { action: 'subscribe' | 'unsubscribe', symbols: string[] }
  | { action: 'ping' }

/** Parses one text frame; throws WsInvalidMessageError with what is wrong. */
export function parseClientMessage (text: string): ClientMessage {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new WsInvalidMessageError('not valid JSON')
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new WsInvalidMessageError('must be a JSON object')
  const raw = json as Record<string, unknown>
  const parsed = messageSchema.safeParse({ action: raw.action ?? raw.type, symbols: raw.symbols })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path[0] === 'action' ? 'action must be "subscribe", "unsubscribe" or "ping"' : `${issue?.path.join('.') ?? 'message'} ${issue?.message ?? 'is invalid'}`
    throw new WsInvalidMessageError(field)
  }
  const { action, symbols } = parsed.data
  if (action === 'ping') return { action }
  if (symbols === undefined) throw new WsInvalidMessageError(`${action} needs a non-empty "symbols" array`)
  return { action, symbols: symbols.map((s) => s.toUpperCase()) }
}
