/**
 * gRPC failure → the error a REST client sees.
 *
 * The engine's convention: a failed RPC carries the gRPC status plus trailers
 * `mib-error-code` (stable code) and `mib-http-status`. When present they win.
 * Without them the failure is the engine's reachability (503 + Retry-After) or
 * an unclassified engine failure (502).
 */
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js'
import { MibError } from '../../../errors.js'
import { errorSpec } from '../../../error-registry.js'
import { EngineFailedError, EngineUnavailableError } from '../errors.js'

export const ERROR_CODE_TRAILER = 'mib-error-code'
export const HTTP_STATUS_TRAILER = 'mib-http-status'
/** The upstream's (or the engine circuit's) own retry hint, in seconds. */
export const RETRY_AFTER_TRAILER = 'mib-retry-after-s'
/** Retry hints beyond this are clamped: a client told to wait an hour would rather fail. */
const MAX_RETRY_AFTER_S = 3600

/** The gRPC status name (`UNAVAILABLE`), used as the metrics outcome label. */
export function statusName (code: number): string {
  return GrpcStatus[code] ?? 'UNKNOWN'
}

function trailer (err: ServiceError, key: string): string | undefined {
  const value = err.metadata?.get(key)[0]
  return typeof value === 'string' ? value : undefined
}

/** The engine's own classification, when its trailers are present and well-formed. */
function classifiedByEngine (err: ServiceError, retryAfterS: number): MibError | undefined {
  const code = trailer(err, ERROR_CODE_TRAILER)
  const httpStatus = Number(trailer(err, HTTP_STATUS_TRAILER))
  // Only registered codes reach a client (an engine of another version may send others).
  if (code === undefined || errorSpec(code) === undefined) return undefined
  if (!Number.isInteger(httpStatus) || httpStatus < 400 || httpStatus > 599) return undefined
  const hinted = Number(trailer(err, RETRY_AFTER_TRAILER))
  const hint = Number.isFinite(hinted) && hinted > 0 ? Math.min(Math.ceil(hinted), MAX_RETRY_AFTER_S) : undefined
  // A 503 always says when to come back; other statuses only when the engine gave a hint.
  const retry = hint ?? (httpStatus === 503 ? retryAfterS : undefined)
  return new MibError(code, err.details || code, httpStatus, { cause: err, ...(retry === undefined ? {} : { details: { retryAfterS: retry } }) })
}

export interface MappingContext {
  method: string
  deadlineMs: number
  retryAfterS: number
}

export function toGatewayError (err: ServiceError, context: MappingContext): MibError {
  const engine = classifiedByEngine(err, context.retryAfterS)
  if (engine !== undefined) return engine
  switch (err.code) {
    case GrpcStatus.UNAVAILABLE:
      // grpc-js details name internal addresses and resolver notes: log-worthy (cause), not client-worthy.
      return new EngineUnavailableError(`${context.method}: ${/ECONNREFUSED/.test(err.details) ? 'connection refused' : 'not reachable'}`, context.retryAfterS, err)
    case GrpcStatus.DEADLINE_EXCEEDED:
      return new EngineUnavailableError(`${context.method}: no answer within ${context.deadlineMs} ms`, context.retryAfterS, err)
    case GrpcStatus.CANCELLED:
      // Only the gateway cancels calls, when it shuts down.
      return new EngineUnavailableError(`${context.method}: call cancelled`, context.retryAfterS, err)
    default:
      return new EngineFailedError(`${context.method} answered ${statusName(err.code)}${err.details ? `: ${err.details}` : ''}`)
  }
}

export function isServiceError (err: unknown): err is ServiceError {
  return err instanceof Error && typeof (err as Partial<ServiceError>).code === 'number' && 'metadata' in err
}
