import { defineError } from '../../errors.js'

// Errors of `mib profile` (collecting and reading profiles). The services'
// endpoint errors (MIB_ERR_PROFILING_*) are declared with the endpoints.

export const ProfileDecodeError = defineError('MIB_ERR_PROFILE_DECODE', 400,
  (file: string, detail: string) => `${file} is not a pprof profile (gzipped or raw protobuf): ${detail}`)
export const SampleIndexError = defineError('MIB_ERR_PROFILE_SAMPLE_INDEX', 400,
  (given: string, available: string[]) => `no sample type "${given}" in this profile; it has: ${available.join(', ')} (or an index 0..${available.length - 1})`)
export const NoProfilingTargetsError = defineError('MIB_ERR_PROFILE_NO_TARGETS', 404,
  (detail: string) => `no service to profile: ${detail}`)
export const UnknownServiceError = defineError('MIB_ERR_PROFILE_UNKNOWN_SERVICE', 400,
  (given: string, known: string[]) => `unknown service "${given}": use one of ${known.join(', ')} or a URL (http://host:port)`)
export const CollectFailedError = defineError('MIB_ERR_PROFILE_COLLECT_FAILED', 502,
  (service: string, kind: string, detail: string) => `${service}: ${kind} profile failed: ${detail}`)
export const ProfileMismatchError = defineError('MIB_ERR_PROFILE_MISMATCH', 400,
  (baseType: string, newType: string) => `cannot compare a "${baseType}" profile with a "${newType}" one (pick the same --sample-index for both, or profiles of the same kind)`)
