import { EXIT } from '../../../cli/exit-codes.js'
import { MibError } from '../../../errors.js'

/**
 * Thresholds rejected before the test starts. Lists every problem at once,
 * each naming the offending text; the CLI exits with `exitCode` (104, k6's
 * InvalidConfig).
 */
export class ThresholdsInvalidError extends MibError {
  static readonly code = 'MIB_ERR_LOAD_THRESHOLD_INVALID'
  static readonly statusCode = 400
  readonly problems: string[]
  readonly exitCode = EXIT.INVALID_CONFIG

  constructor (problems: string[]) {
    super(ThresholdsInvalidError.code, `invalid thresholds:\n  - ${problems.join('\n  - ')}`, 400, { details: { problems } })
    this.name = ThresholdsInvalidError.code
    this.problems = problems
  }
}
