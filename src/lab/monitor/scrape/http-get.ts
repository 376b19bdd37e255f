/**
 * Bounded HTTP GETs for the monitor: every request has a deadline and every
 * body a size cap, so a hanging or misbehaving service cannot stall or bloat
 * the sampler.
 */
import { request } from 'undici'
import { ResponseTooLargeError } from '../errors.js'

export interface HttpGetResult {
  statusCode: number
  body: string
  latencyMs: number
}

export interface HttpGetOptions {
  timeoutMs: number
  /** Larger bodies are cut off with an error (a /metrics page is tens of kB). */
  maxBodyBytes?: number
  headers?: Record<string, string>
}

const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024

export async function httpGet (url: string, options: HttpGetOptions): Promise<HttpGetResult> {
  const started = performance.now()
  const signal = AbortSignal.timeout(options.timeoutMs)
  const response = await request(url, { method: 'GET', signal, headers: options.headers })
  const body = await readBounded(response.body, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES)
  return { statusCode: response.statusCode, body, latencyMs: performance.now() - started }
}

async function readBounded (body: AsyncIterable<Buffer> & { destroy: (err?: Error) => void }, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    size += chunk.length
    if (size > maxBytes) {
      const err = new ResponseTooLargeError(maxBytes)
      body.destroy(err)
      throw err
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** A one-line reason for a failed request: the timeout, the socket error, or the message. */
export function describeFailure (err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `no answer within ${timeoutMs} ms`
  const code = (err as { code?: unknown } | undefined)?.code
  const message = err instanceof Error ? err.message : String(err)
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message
}
