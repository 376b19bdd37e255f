/**
 * The bytes before a request's body: request line, Host, the script's
 * headers, Connection (only to close) and Content-Length, in latin1 (one byte
 * per character, so its length is its size on the wire: k6's data_sent).
 * Headers that could split the request (CR, LF) or not be written as latin1
 * are refused.
 */
import type { OriginTarget } from './connection.js'
import type { ExchangeRequest } from './exchange.js'
import { InvalidHeaderError, InvalidMethodError } from './transport-errors.js'

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const UNWRITABLE_VALUE = /[^\t\x20-\x7e\x80-\xff]/
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH'])

export function requestHead (request: ExchangeRequest, target: OriginTarget): string {
  const { method, path, headers, body, reset } = request
  if (!TOKEN.test(method)) throw new InvalidMethodError(method)
  let head = ''
  let hasHost = false
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i] as string
    const value = headers[i + 1] as string
    if (!TOKEN.test(name) || UNWRITABLE_VALUE.test(value)) throw new InvalidHeaderError(name)
    if (name.length === 4 && name.toLowerCase() === 'host') hasHost = true
    head += `${name}: ${value}\r\n`
  }
  if (!hasHost) head = `host: ${target.hostHeader}\r\n${head}`
  if (reset) head += 'connection: close\r\n'
  const bodyBytes = body === null ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength
  if (bodyBytes > 0 || WITH_BODY.has(method)) head += `content-length: ${bodyBytes}\r\n`
  return `${method} ${path} HTTP/1.1\r\n${head}\r\n`
}
