/** Every error of the chaos plan and its injection, declared once (`MIB_ERR_CHAOS_*`). */
import { defineError } from '../../errors.js'

export const ChaosPlanInvalidError = defineError('MIB_ERR_CHAOS_PLAN_INVALID',
  (source: string, problems: string[]) => `invalid chaos plan ${source}:\n  - ${problems.join('\n  - ')}`)

export const ChaosPlanNotFoundError = defineError('MIB_ERR_CHAOS_PLAN_NOT_FOUND',
  (ref: string, presets: string[]) => `no chaos plan "${ref}": it is neither a preset (${presets.join(', ')}) nor a readable file`)

export const ChaosInjectionFailedError = defineError('MIB_ERR_CHAOS_INJECTION_FAILED',
  (fault: string, detail: string) => `could not inject "${fault}": ${detail}`)

export const ChaosNoPeakError = defineError('MIB_ERR_CHAOS_NO_PEAK',
  (preset: string) => `preset "${preset}" never holds a load level, so it has no peak to inject faults in (use a preset with a hold, e.g. standard or smoke)`)
