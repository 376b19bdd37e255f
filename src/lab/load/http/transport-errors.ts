/**
 * Why a request failed in the runner's own transport. Each has a stable
 * `code` (like Node's system errors) that error-codes.ts maps to k6's codes.
 */
class TransportError extends Error {
  readonly code: string
  constructor (code: string, message: string) {
    super(message)
    this.code = code
    this.name = new.target.name
  }
}

/** The request's deadline (k6 `timeout`) passed before its response ended. */
export class RequestTimeoutError extends TransportError {
  constructor (message: string) { super('MIB_REQUEST_TIMEOUT', message) }
}

/** TCP connect (and TLS handshake) took longer than the dial timeout. */
export class ConnectTimeoutError extends TransportError {
  constructor (message: string) { super('MIB_CONNECT_TIMEOUT', message) }
}

/** The server closed the connection before the response ended. */
export class SocketClosedError extends TransportError {
  constructor (message: string) { super('MIB_SOCKET_CLOSED', message) }
}

/** The bytes the server sent are not an HTTP/1.x response. */
export class ResponseParseError extends TransportError {
  constructor (message: string) { super('MIB_RESPONSE_PARSE', `invalid HTTP response: ${message}`) }
}

/** A header name or value that cannot be written (CR, LF or NUL in it, or an empty name). */
export class InvalidHeaderError extends TransportError {
  constructor (name: string) { super('MIB_INVALID_HEADER', `invalid request header "${name}": names must be tokens and values must not contain CR, LF or NUL`) }
}

/** A method that is not an HTTP token (it would break the request line). */
export class InvalidMethodError extends TransportError {
  constructor (method: string) { super('MIB_INVALID_METHOD', `invalid request method "${method}": a method must be a token (e.g. GET, POST, PURGE)`) }
}
