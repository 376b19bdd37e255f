import { defineError } from '../../errors.js'

// Errors of `mib profile` (collecting and reading profiles). The services'
// endpoint errors (MIB_ERR_PROFILING_*) are declared with the endpoints.

export const ProfileDecodeError = defineError('MIB_ERR_PROFILING_DECODE',
  (file: string, detail: string) => `${file} is not a pprof profile (gzipped or raw protobuf): ${detail}`)
export const SampleIndexError = defineError('MIB_ERR_PROFILING_SAMPLE_INDEX',
  (given: string, available: string[]) => `no sample type "${given}" in this profile; it has: ${available.join(', ')} (or an index 0..${available.length - 1})`)
export const NoProfilingTargetsError = defineError('MIB_ERR_PROFILING_NO_TARGETS',
  (detail: string) => `no service to profile: ${detail}`)
export const UnknownServiceError = defineError('MIB_ERR_PROFILING_UNKNOWN_SERVICE',
  (given: string, known: string[]) => `unknown service "${given}": use one of ${known.join(', ')} or a URL (http://host:port)`)
export const CollectFailedError = defineError('MIB_ERR_PROFILING_COLLECT_FAILED',
  (service: string, kind: string, detail: string) => `${service}: ${kind} profile failed: ${detail}`)
export const ProfileMismatchError = defineError('MIB_ERR_PROFILING_MISMATCH',
  (baseType: string, newType: string) => `cannot compare a "${baseType}" profile with a "${newType}" one (pick the same --sample-index for both, or profiles of the same kind)`)
