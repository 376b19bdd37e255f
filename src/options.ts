import { z } from 'zod'
import { MibError, statusOf } from './errors.js'

/** Thrown when options fail validation; `details.problems` lists every problem at once. */
export class InvalidOptionsError extends MibError {
  static readonly code = 'MIB_ERR_OPTIONS_INVALID'
  static readonly statusCode = statusOf(InvalidOptionsError.code)
  readonly problems: string[]
  constructor (what: string, problems: string[]) {
    super(InvalidOptionsError.code, `invalid ${what}:\n  - ${problems.join('\n  - ')}`, InvalidOptionsError.statusCode, { details: { problems } })
    this.problems = problems
  }
}

/**
 * Validates `input` against `schema` once, at the edge, and returns the parsed
 * value with defaults applied. Reports every problem, not just the first.
 */
export function parseOptions<S extends z.ZodType> (schema: S, input: unknown, what = 'options'): z.output<S> {
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(root)'
    return `${path}: ${issue.message}`
  })
  throw new InvalidOptionsError(what, problems)
}

/**
 * Renames an option path in a problem line to the flag (and env var) a user
 * typed: `"tickStream.symbols.2: …"` → `"--symbols (ENGINE_SYMBOLS) item 3: …"`,
 * `"pids.1.pid: …"` → `"--pid item 2 (pid): …"`.
 * `flagOf` maps option paths to their flag text; unknown paths stay as they are.
 */
export function withFlagName (problem: string, flagOf: Readonly<Record<string, string>>): string {
  const colon = problem.indexOf(':')
  const path = problem.slice(0, colon)
  const item = /\.(\d+)(?:\.(.+))?$/.exec(path)
  const flag = flagOf[item === null ? path : path.slice(0, item.index)]
  if (flag === undefined) return problem
  if (item === null) return `${flag}${problem.slice(colon)}`
  const field = item[2] === undefined ? '' : ` (${item[2]})`
  return `${flag} item ${Number(item[1]) + 1}${field}${problem.slice(colon)}`
}
