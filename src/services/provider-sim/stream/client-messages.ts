/**
 * Messages a stream client may send, validated before anything acts on them:
 * a bad frame earns a {"type":"error"} reply, never a crash or a silent drop.
 */
import { z } from 'zod'
import { STREAM_LIMITS, SYMBOL_MAX_CHARS } from '../../common/domain/index.js'

/** One subscribe message cannot name more symbols than this (the engine subscribes to at most as many). */
export const MAX_SYMBOLS_PER_MESSAGE = STREAM_LIMITS.maxSymbolsPerSubscribe

const symbols = z.array(z.string().min(1).max(SYMBOL_MAX_CHARS)).min(1).max(MAX_SYMBOLS_PER_MESSAGE)

export const clientMessageSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('subscribe'), symbols }),
  z.object({ action: z.literal('unsubscribe'), symbols }),
  z.object({ action: z.literal('ping') })
])

export type ClientMessage = z.output<typeof clientMessageSchema>

export type ParsedMessage = { ok: true, message: ClientMessage } | { ok: false, error: string }

export function parseClientMessage (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): ParsedMessage {
  if (isBinary) return { ok: false, error: 'expected a JSON text frame, got a binary frame' }
  const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8')
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (err) {
    return { ok: false, error: `invalid JSON: ${(err as Error).message}` }
  }
  const parsed = clientMessageSchema.safeParse(json)
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(message)'}: ${i.message}`).join('; ')
    return { ok: false, error: `invalid message: ${detail} (expected {"action":"subscribe"|"unsubscribe","symbols":["AAPL"]})` }
  }
  return { ok: true, message: parsed.data }
}
