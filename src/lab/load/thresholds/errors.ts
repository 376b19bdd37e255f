import { MibError, statusOf } from '../../../errors.js'

/**
 * Thresholds rejected before the test starts. Lists every problem at once,
 * each naming the offending text; the CLI exits with `exitCode` (104, k6's
 * InvalidConfig: the registry's row).
 */
export class ThresholdsInvalidError extends MibError {
  static readonly code = 'MIB_ERR_LOAD_THRESHOLD_INVALID'
  static readonly statusCode = statusOf(ThresholdsInvalidError.code)
  readonly problems: string[]

  constructor (problems: string[]) {
    super(ThresholdsInvalidError.code, `invalid thresholds:\n  - ${problems.join('\n  - ')}`, ThresholdsInvalidError.statusCode, { details: { problems } })
    this.name = ThresholdsInvalidError.code
    this.problems = problems
  }
}
