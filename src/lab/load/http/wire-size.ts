/**
 * Bytes of a request as undici writes it on an HTTP/1.1 connection: request
 * line, host and connection headers, the given headers, content-length, the
 * blank line and the body (k6's data_sent; TLS framing not counted). Computed
 * rather than read from the socket: socket.bytesWritten builds an array of the
 * pending writes on every read, which the hot path cannot afford.
 */
const CRLF = 2

export function requestWireSize (method: string, hostHeader: string, path: string, headers: readonly string[], bodyBytes: number, close: boolean): number {
  let size = method.length + 1 + path.length + ' HTTP/1.1'.length + CRLF
  size += 'host: '.length + hostHeader.length + CRLF
  size += close ? 'connection: close'.length + CRLF : 'connection: keep-alive'.length + CRLF
  for (let i = 0; i + 1 < headers.length; i += 2) size += (headers[i] as string).length + 2 + (headers[i + 1] as string).length + CRLF
  if (bodyBytes > 0 || method === 'POST' || method === 'PUT' || method === 'PATCH') size += 'content-length: '.length + String(bodyBytes).length + CRLF
  return size + CRLF + bodyBytes
}

/** "host:port" of an origin ("http://127.0.0.1:8080" → "127.0.0.1:8080"). */
export function hostOf (origin: string): string {
  return origin.slice(origin.indexOf('//') + 2)
}
