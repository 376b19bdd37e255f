/**
 * Why a request failed in the runner's own transport (`MIB_ERR_LOAD_HTTP_*`,
 * registered like every other code). A script never sees these codes: a failed
 * request has status 0, `error` (the message) and k6's `error_code`, which
 * error-codes.ts maps from them.
 */
import { MibError } from '../../../errors.js'
import type { ErrorCode } from '../../../error-registry.js'

class TransportError extends MibError {
  constructor (code: ErrorCode, message: string) {
    super(code, message)
    this.name = new.target.name
  }
}

/** The request's deadline (k6 `timeout`) passed before its response ended. */
export class RequestTimeoutError extends TransportError {
  static readonly code = 'MIB_ERR_LOAD_HTTP_REQUEST_TIMEOUT'
  constructor (message: string) { super(RequestTimeoutError.code, message) }
}

/** TCP connect (and TLS handshake) took longer than the dial timeout. */
export class ConnectTimeoutError extends TransportError {
  static readonly code = 'MIB_ERR_LOAD_HTTP_CONNECT_TIMEOUT'
  constructor (message: string) { super(ConnectTimeoutError.code, message) }
}

/** The server closed the connection before the response ended. */
export class SocketClosedError extends TransportError {
  static readonly code = 'MIB_ERR_LOAD_HTTP_SOCKET_CLOSED'
  constructor (message: string) { super(SocketClosedError.code, message) }
}

/** The bytes the server sent are not an HTTP/1.x response. */
export class ResponseParseError extends TransportError {
  static readonly code = 'MIB_ERR_LOAD_HTTP_RESPONSE_PARSE'
  constructor (message: string) { super(ResponseParseError.code, `invalid HTTP response: ${message}`) }
}

/** A header name or value that cannot be written (CR, LF or NUL in it, or an empty name). */
export class InvalidHeaderError extends TransportError {
  static readonly code = 'MIB_ERR_LOAD_HTTP_INVALID_HEADER'
  constructor (name: string) { super(InvalidHeaderError.code, `invalid request header "${name}": names must be tokens and values must not contain CR, LF or NUL`) }
}

/** A method that is not an HTTP token (it would break the request line). */
export class InvalidMethodError extends TransportError {
  static readonly code = 'MIB_ERR_LOAD_HTTP_INVALID_METHOD'
  constructor (method: string) { super(InvalidMethodError.code, `invalid request method "${method}": a method must be a token (e.g. GET, POST, PURGE)`) }
}

/** Not an absolute http:// or https:// URL. */
export class InvalidUrlError extends TransportError {
  static readonly code = 'MIB_ERR_LOAD_HTTP_INVALID_URL'
  constructor (url: string) { super(InvalidUrlError.code, `invalid URL "${url}": an absolute http:// or https:// URL is required`) }
}
