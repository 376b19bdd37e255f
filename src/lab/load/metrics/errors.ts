import { defineError } from '../../../errors.js'
import type { MetricType } from './types.js'

export const MetricTypeMismatchError = defineError('MIB_ERR_LOAD_METRIC_TYPE_MISMATCH',
  (name: string, existing: string, requested: string) =>
    `metric "${name}" is already defined as ${existing}, cannot redefine it as ${requested}`)

export const MetricNameInvalidError = defineError('MIB_ERR_LOAD_METRIC_NAME_INVALID',
  (name: string) => `invalid metric name "${name}": use 1 to 128 ASCII letters, digits or underscores, starting with a letter or an underscore`)

export const MetricUnknownError = defineError('MIB_ERR_LOAD_METRIC_UNKNOWN',
  (name: string) => `no metric named "${name}" is defined`)

export const MetricValueInvalidError = defineError('MIB_ERR_LOAD_METRIC_VALUE_INVALID',
  (name: string, value: unknown) => `metric "${name}" was given ${String(value)}, which is not a finite number`)

export const SubmetricSelectorInvalidError = defineError('MIB_ERR_LOAD_SUBMETRIC_SELECTOR_INVALID',
  (selector: string, reason: string) => `invalid sub-metric selector "${selector}": ${reason}`)

export const SnapshotInvalidError = defineError('MIB_ERR_LOAD_SNAPSHOT_INVALID',
  (reason: string) => `cannot merge metrics snapshot: ${reason}`)

export function describeType (type: MetricType, contains: string): string {
  return contains === 'default' ? type : `${type} (${contains})`
}
