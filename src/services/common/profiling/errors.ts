import { defineError } from '../../../errors.js'

// Every error the /debug/pprof endpoints answer with. The JSON body is the
// services' usual { success: false, message, error: <code> } (see http-errors.ts).

export const ProfilingBusyError = defineError('MIB_ERR_PROFILING_BUSY',
  (what: string) => `a ${what} is already being collected in this process; only one at a time (retry when it finishes)`)
export const InvalidSecondsError = defineError('MIB_ERR_PROFILING_BAD_SECONDS',
  (raw: string, maxS: number) => `seconds must be a number > 0 and <= ${maxS}, got "${raw}"`)
export const InvalidParamError = defineError('MIB_ERR_PROFILING_BAD_PARAM',
  (name: string, raw: string, rule: string) => `${name} must be ${rule}, got "${raw}"`)
export const UnauthorizedError = defineError('MIB_ERR_PROFILING_UNAUTHORIZED',
  () => 'profiling requires "Authorization: Bearer <token>" with the service\'s profiling token')
export const NonLoopbackAdminHostError = defineError('MIB_ERR_PROFILING_ADMIN_NOT_LOOPBACK',
  (host: string) => `the profiling admin listener binds to loopback only (127.0.0.1, ::1, localhost), not "${host}"`)
export const ProfilerUnavailableError = defineError('MIB_ERR_PROFILING_UNAVAILABLE',
  (what: string, detail: string) => `${what} is unavailable in this process: ${detail}`)
export const MutexNotApplicableError = defineError('MIB_ERR_PROFILING_NO_MUTEX',
  () => 'Node.js runs JavaScript on one thread per isolate and has no mutexes to contend on; ' +
    'what blocks a Node service is its event loop: see /debug/pprof/block')
