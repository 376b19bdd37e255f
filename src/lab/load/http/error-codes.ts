/**
 * k6's error codes (https://grafana.com/docs/k6/latest/javascript-api/error-codes/)
 * for the failures of Node and of the runner's transport. A failed request has status 0, `error`
 * (the message) and `error_code`; the code is also the `error_code` tag.
 */
import { ConnectTimeoutError, InvalidHeaderError, InvalidMethodError, InvalidUrlError, RequestTimeoutError, ResponseParseError, SocketClosedError } from './transport-errors.js'

export const K6_ERROR = {
  GENERIC: 1000,
  INVALID_URL: 1020,
  REQUEST_TIMEOUT: 1050,
  DNS: 1100,
  DNS_NO_SUCH_HOST: 1101,
  TCP: 1200,
  TCP_BROKEN_PIPE: 1201,
  TCP_UNKNOWN_ERRNO: 1202,
  TCP_DIAL: 1210,
  TCP_DIAL_TIMEOUT: 1211,
  TCP_DIAL_REFUSED: 1212,
  TCP_RESET_BY_PEER: 1220,
  TLS: 1300,
  TLS_UNKNOWN_AUTHORITY: 1310,
  TLS_HOSTNAME_MISMATCH: 1311
} as const

const BY_CODE: Record<string, number> = {
  [RequestTimeoutError.code]: K6_ERROR.REQUEST_TIMEOUT,
  [ConnectTimeoutError.code]: K6_ERROR.TCP_DIAL_TIMEOUT,
  ETIMEDOUT: K6_ERROR.TCP_DIAL_TIMEOUT,
  ECONNREFUSED: K6_ERROR.TCP_DIAL_REFUSED,
  ECONNRESET: K6_ERROR.TCP_RESET_BY_PEER,
  EPIPE: K6_ERROR.TCP_BROKEN_PIPE,
  EHOSTUNREACH: K6_ERROR.TCP_DIAL,
  ENETUNREACH: K6_ERROR.TCP_DIAL,
  EADDRNOTAVAIL: K6_ERROR.TCP_DIAL,
  ENOTFOUND: K6_ERROR.DNS_NO_SUCH_HOST,
  EAI_AGAIN: K6_ERROR.DNS,
  EAI_FAIL: K6_ERROR.DNS,
  ERR_INVALID_URL: K6_ERROR.INVALID_URL,
  [InvalidUrlError.code]: K6_ERROR.INVALID_URL,
  [InvalidHeaderError.code]: K6_ERROR.GENERIC,
  [InvalidMethodError.code]: K6_ERROR.GENERIC,
  ERR_TLS_CERT_ALTNAME_INVALID: K6_ERROR.TLS_HOSTNAME_MISMATCH,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: K6_ERROR.TLS_UNKNOWN_AUTHORITY,
  SELF_SIGNED_CERT_IN_CHAIN: K6_ERROR.TLS_UNKNOWN_AUTHORITY,
  DEPTH_ZERO_SELF_SIGNED_CERT: K6_ERROR.TLS_UNKNOWN_AUTHORITY,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: K6_ERROR.TLS_UNKNOWN_AUTHORITY,
  CERT_HAS_EXPIRED: K6_ERROR.TLS,
  // The server closed the connection before the response ended.
  [SocketClosedError.code]: K6_ERROR.TCP_RESET_BY_PEER,
  [ResponseParseError.code]: K6_ERROR.GENERIC
}

/** The k6 error code of a request failure. */
export function k6ErrorCode (err: unknown): number {
  const code = errorCode(err)
  if (code !== undefined) {
    const mapped = BY_CODE[code]
    if (mapped !== undefined) return mapped
    if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return K6_ERROR.TLS
  }
  const cause = (err as { cause?: unknown } | undefined)?.cause
  if (cause !== undefined && cause !== err) {
    const fromCause = k6ErrorCode(cause)
    if (fromCause !== K6_ERROR.GENERIC) return fromCause
  }
  if (typeof (err as { errno?: unknown } | undefined)?.errno === 'number') return K6_ERROR.TCP_UNKNOWN_ERRNO
  return K6_ERROR.GENERIC
}

/** k6 sets error_code 1000 + status for 4xx and 5xx responses (1400..1599). */
export function httpStatusErrorCode (status: number): number {
  return status >= 400 && status <= 599 ? 1000 + status : 0
}

function errorCode (err: unknown): string | undefined {
  const code = (err as { code?: unknown } | undefined)?.code
  return typeof code === 'string' ? code : undefined
}
