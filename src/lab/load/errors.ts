/**
 * Every error the load runner throws on purpose (codes `MIB_ERR_LOAD_*`).
 * Their HTTP status and k6 exit code are their rows in src/error-registry.ts.
 */
import { defineError } from '../../errors.js'

export const ScriptNotFoundError = defineError('MIB_ERR_LOAD_SCRIPT_NOT_FOUND',
  (path: string) => `script not found: ${path}`)

export const ScriptLoadError = defineError('MIB_ERR_LOAD_SCRIPT_LOAD',
  (path: string, detail: string) => `could not load script ${path}: ${detail}`)

/** A k6 script (synchronous style) uses a construct the k6 transform cannot make asynchronous; the detail names each place. */
export const K6ScriptUnsupportedError = defineError('MIB_ERR_LOAD_K6_UNSUPPORTED',
  (path: string, detail: string) => `cannot run k6 script ${path} unchanged:\n${detail}`)

export const ScriptExportError = defineError('MIB_ERR_LOAD_SCRIPT_EXPORT',
  (detail: string) => `invalid script exports: ${detail}`)

export const SetupFailedError = defineError('MIB_ERR_LOAD_SETUP_FAILED',
  (detail: string) => `setup() threw: ${detail}`)

export const TeardownFailedError = defineError('MIB_ERR_LOAD_TEARDOWN_FAILED',
  (detail: string) => `teardown() threw: ${detail}`)

export const SetupTimeoutError = defineError('MIB_ERR_LOAD_SETUP_TIMEOUT',
  (timeoutMs: number) => `setup() did not finish within ${timeoutMs} ms (options.setupTimeout)`)

export const TeardownTimeoutError = defineError('MIB_ERR_LOAD_TEARDOWN_TIMEOUT',
  (timeoutMs: number) => `teardown() did not finish within ${timeoutMs} ms (options.teardownTimeout)`)

export const HandleSummaryError = defineError('MIB_ERR_LOAD_HANDLE_SUMMARY',
  (detail: string) => `handleSummary() failed: ${detail}`)

export const SetupDataError = defineError('MIB_ERR_LOAD_SETUP_DATA',
  (detail: string) => `setup() returned data that cannot be passed to the VUs (it must be JSON-like): ${detail}`)

export const ScriptApiOutsideVuError = defineError('MIB_ERR_LOAD_API_OUTSIDE_VU',
  (what: string) => `${what} can only be called while the test runs (from the default function, a scenario's exec function, setup or teardown), not at module load time`)

export const UnknownPresetError = defineError('MIB_ERR_LOAD_UNKNOWN_PRESET',
  (name: string, known: string[]) => `unknown preset "${name}"${known.length > 0 ? ` (the script defines: ${known.join(', ')})` : ' (the script defines no presets)'}`)

export const WorkerCrashedError = defineError('MIB_ERR_LOAD_WORKER_CRASHED',
  (index: number, detail: string) => `load worker ${index} crashed: ${detail}`)

/** Thrown by script code through `fail()`; ends the iteration, like k6's fail(). */
export const IterationFailError = defineError('MIB_ERR_LOAD_FAIL',
  (message: string) => message)

/** Raised inside an iteration the runner interrupted (gracefulStop or gracefulRampDown expired, or abort). */
export const IterationInterruptedError = defineError('MIB_ERR_LOAD_ITERATION_INTERRUPTED',
  (reason: string) => `iteration interrupted: ${reason}`)

/** Thrown by k6/execution's test.abort(): ends the iteration; the runner stops the test (exit code 108). */
export const TestAbortedError = defineError('MIB_ERR_LOAD_TEST_ABORTED',
  (reason: string) => `test aborted: ${reason}`)

/** A network failure of http.* under k6's `throw: true` option (otherwise the response has status 0). */
export const HttpRequestFailedError = defineError('MIB_ERR_LOAD_HTTP_REQUEST',
  (method: string, url: string, detail: string) => `${method} ${url}: ${detail}`)
