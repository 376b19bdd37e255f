import { defineError } from '../../../errors.js'

export const OutputUnknownError = defineError('MIB_ERR_LOAD_OUTPUT_UNKNOWN',
  (spec: string, known: string) => `unknown output "${spec}" (known: ${known})`)

export const OutputInvalidError = defineError('MIB_ERR_LOAD_OUTPUT_INVALID',
  (spec: string, reason: string) => `invalid output "${spec}": ${reason}`)

export const OutputWriteError = defineError('MIB_ERR_LOAD_OUTPUT_WRITE',
  (target: string, reason: string) => `cannot write ${target}: ${reason}`)
