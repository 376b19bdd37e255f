/**
 * The base of every error this project throws on purpose.
 *
 * Each component declares its errors once, in its own `errors.ts`, with
 * `defineError`: a stable code (`MIB_ERR_<AREA>_<WHAT>`), an HTTP status for
 * errors that can reach an API client, and a message template. Callers branch
 * on `code` (data), never on message text. Every code is listed in the README
 * (a test checks it).
 */
export class MibError extends Error {
  readonly code: string
  readonly statusCode: number
  readonly details: Record<string, unknown> | undefined

  constructor (code: string, message: string, statusCode = 500, options: { cause?: unknown, details?: Record<string, unknown> } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'MibError'
    this.code = code
    this.statusCode = statusCode
    this.details = options.details
  }

  toJSON (): Record<string, unknown> {
    return { code: this.code, message: this.message, statusCode: this.statusCode, ...(this.details ? { details: this.details } : {}) }
  }
}

export interface ErrorClass<Args extends unknown[]> {
  new (...args: Args): MibError
  readonly code: string
  readonly statusCode: number
}

/**
 * Declares an error class with a fixed code and status.
 * `message` builds the text from the constructor arguments.
 *
 * @example
 * export const UnknownSourceError = defineError('MIB_ERR_ENGINE_UNKNOWN_SOURCE', 400,
 *   (id: string) => `unknown source_id "${id}"`)
 * throw new UnknownSourceError('foo')
 */
export function defineError<Args extends unknown[]> (
  code: string,
  statusCode: number,
  message: (...args: Args) => string,
  /** Structured fields callers branch on (e.g. `retryAfterS`, sent as Retry-After). */
  details?: (...args: Args) => Record<string, unknown>
): ErrorClass<Args> {
  const Defined = class extends MibError {
    static readonly code = code
    static readonly statusCode = statusCode
    constructor (...args: Args) {
      super(code, message(...args), statusCode, details === undefined ? {} : { details: details(...args) })
      this.name = code
    }
  }
  return Defined
}

/** Every code declared through defineError, for the README completeness test. */
export function isMibError (err: unknown): err is MibError {
  return err instanceof MibError
}
