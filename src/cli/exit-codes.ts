/**
 * Every exit code of `mib`, in one table (k6's numbers where k6 has one).
 * The README's "Exit codes" table mirrors this; a test keeps them in step.
 */
export const EXIT = {
  OK: 0,
  /** Unexpected failure (a bug, or an environment problem such as a port in use). */
  GENERIC_ERROR: 1,
  /** Bad command-line usage: unknown flag, missing argument. */
  USAGE: 2,
  /** `mib health` / `mib wait-ready`: a service is not healthy (in time). */
  UNHEALTHY: 3,
  /** `mib results analyze --fail-on-regression`: a regression against the baseline. */
  REGRESSION: 4,
  /** `mib perf-test --chaos`: a resilience target failed (recovery, unclean failures, health at the end). */
  RESILIENCE_FAILED: 5,
  /** A threshold failed (k6: ThresholdsHaveFailed). */
  THRESHOLDS_FAILED: 99,
  /** setup() exceeded its timeout (k6: SetupTimeout). */
  SETUP_TIMEOUT: 100,
  /** teardown() exceeded its timeout (k6: TeardownTimeout). */
  TEARDOWN_TIMEOUT: 101,
  /** Invalid options or script configuration, rejected before the test starts (k6: InvalidConfig). */
  INVALID_CONFIG: 104,
  /** Aborted from outside: a second Ctrl-C / SIGTERM (k6: ExternalAbort). */
  EXTERNAL_ABORT: 105,
  /** The script threw outside an iteration, or could not be loaded (k6: ScriptException). */
  SCRIPT_ERROR: 107,
  /** The script called k6/execution's test.abort() (k6: ScriptAborted). */
  SCRIPT_ABORTED: 108,
  /** A threshold with abortOnFail stopped the test early (k6: ScriptAborted is 108; k6 uses 99 here too). */
  THRESHOLD_ABORTED: 99
} as const

export type ExitCode = typeof EXIT[keyof typeof EXIT]
