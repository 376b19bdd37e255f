/**
 * The base of every error this project throws on purpose.
 *
 * Each code is registered once, in src/error-registry.ts (HTTP status, exit
 * code, meaning); each component declares its error classes in its own
 * `errors.ts` with `defineError`: the code (`MIB_ERR_<AREA>_<WHAT>`) and a
 * message template. Callers branch on `code` (data), never on message text.
 */
import { type ErrorCode, errorSpec, exitCodeOfCode } from './error-registry.js'
import { EXIT, type ExitCode } from './exit-codes.js'

export class MibError extends Error {
  readonly code: string
  readonly statusCode: number
  /** The exit code of `mib` when this error ends a command (the registry's; 1 for an unregistered code). */
  readonly exitCode: ExitCode
  readonly details: Record<string, unknown> | undefined

  /** `statusCode` defaults to the registry's status of `code` (500 when it has none). */
  constructor (code: string, message: string, statusCode = errorSpec(code)?.status ?? 500, options: { cause?: unknown, details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'MibError'
    this.code = code
    this.statusCode = statusCode
    this.exitCode = exitCodeOfCode(code)
    this.details = options.details
  }

  toJSON (): Record<string, unknown> {
    return { code: this.code, message: this.message, statusCode: this.statusCode, ...(this.details ? { details: this.details } : {}) }
  }
}

export interface ErrorClass<Args extends unknown[]> {
  new (...args: Args): MibError
  readonly code: ErrorCode
  readonly statusCode: number
  readonly exitCode: ExitCode
}

/** The registry's HTTP status of `code` (500 for codes that are never an HTTP answer). */
export function statusOf (code: ErrorCode): number {
  return errorSpec(code)?.status ?? 500
}

/**
 * Declares an error class for a registered code; its status and exit code come
 * from the registry. `message` builds the text from the constructor arguments.
 *
 * @example
 * export const UnknownSourceError = defineError('MIB_ERR_ENGINE_UNKNOWN_SOURCE',
 *   (id: string) => `unknown source_id "${id}"`)
 * throw new UnknownSourceError('foo')
 */
export function defineError<Args extends unknown[]> (
  code: ErrorCode,
  message: (...args: Args) => string,
  /** Structured fields callers branch on (e.g. `retryAfterS`, sent as Retry-After). */
  details?: (...args: Args) => Record<string, unknown>
): ErrorClass<Args> {
  const statusCode = statusOf(code)
  const Defined = class extends MibError {
    static readonly code = code
    static readonly statusCode = statusCode
    static readonly exitCode = exitCodeOfCode(code)
    constructor (...args: Args) {
      super(code, message(...args), statusCode, details === undefined ? {} : { details: details(...args) })
      this.name = code
    }
  }
  return Defined
}

export function isMibError (err: unknown): err is MibError {
  return err instanceof MibError
}

/** The exit code of `mib` for any thrown value: a MibError's own, else 1. */
export function exitCodeOf (err: unknown): ExitCode {
  return err instanceof MibError ? err.exitCode : EXIT.GENERIC_ERROR
}
