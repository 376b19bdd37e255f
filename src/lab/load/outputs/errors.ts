import { defineError } from '../../../errors.js'

export const OutputUnknownError = defineError('MIB_ERR_LOAD_OUTPUT_UNKNOWN', 400,
  (spec: string, known: string) => `unknown output "${spec}" (known: ${known})`)

export const OutputInvalidError = defineError('MIB_ERR_LOAD_OUTPUT_INVALID', 400,
  (spec: string, reason: string) => `invalid output "${spec}": ${reason}`)

export const OutputWriteError = defineError('MIB_ERR_LOAD_OUTPUT_WRITE', 500,
  (target: string, reason: string) => `cannot write ${target}: ${reason}`)
