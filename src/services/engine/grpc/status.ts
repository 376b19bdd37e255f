/**
 * How a failed RPC is answered (the gateway relies on it): a gRPC status
 * mapped from the error's HTTP status, plus trailers
 *   mib-error-code    the stable MIB_ERR_* code
 *   mib-http-status   the HTTP status a REST client should see
 *   mib-retry-after-s when the upstream or the circuit gave a retry hint
 * Unexpected errors become INTERNAL / MIB_ERR_INTERNAL without their message
 * (it may hold internals); the caller logs them.
 */
import { Metadata, status as GrpcStatus, type ServerErrorResponse } from '@grpc/grpc-js'
import { MibError } from '../../../errors.js'
import { wellFormed } from '../../common/domain/index.js'
import { InternalError } from '../../common/errors.js'
import { CallerCancelledError } from '../http-client/upstream-client.js'

export const TRAILER = { code: 'mib-error-code', httpStatus: 'mib-http-status', retryAfterS: 'mib-retry-after-s' } as const

export function grpcStatusForHttp (httpStatus: number): GrpcStatus {
  switch (httpStatus) {
    case 400: return GrpcStatus.INVALID_ARGUMENT
    case 404: return GrpcStatus.NOT_FOUND
    case 409: return GrpcStatus.FAILED_PRECONDITION
    case 502: case 503: return GrpcStatus.UNAVAILABLE
    case 504: return GrpcStatus.DEADLINE_EXCEEDED
    default: return GrpcStatus.INTERNAL
  }
}

/** True for errors that mean the client went away (nothing to answer, nothing to log). */
export function isCancellation (err: unknown): boolean {
  return err instanceof CallerCancelledError || (err instanceof Error && err.name === 'AbortError')
}

/** The MibError a client may see for `err`: itself, or MIB_ERR_INTERNAL. */
export function publicError (err: unknown): MibError {
  return err instanceof MibError ? err : new InternalError()
}

export function toServiceError (err: unknown): ServerErrorResponse {
  if (isCancellation(err)) {
    return Object.assign(new Error('cancelled'), { code: GrpcStatus.CANCELLED, details: 'cancelled by the client' })
  }
  const mib = publicError(err)
  const metadata = new Metadata()
  metadata.set(TRAILER.code, mib.code)
  metadata.set(TRAILER.httpStatus, String(mib.statusCode))
  const retryAfterS = mib.details?.retryAfterS
  if (typeof retryAfterS === 'number') metadata.set(TRAILER.retryAfterS, String(retryAfterS))
  // Well-formed: grpc-js cannot send an unpaired surrogate (encodeURI throws) and the call would never be answered.
  return Object.assign(new Error(mib.message), { code: grpcStatusForHttp(mib.statusCode), details: wellFormed(mib.message), metadata })
}

/** 'OK', 'INVALID_ARGUMENT'...: the label value of the gRPC metrics. */
export function statusName (code: GrpcStatus): string {
  return GrpcStatus[code] ?? String(code)
}
