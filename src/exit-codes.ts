/**
 * Every exit code of `mib` and of the services, in one table (k6's numbers
 * where k6 has one). The README's "Exit codes" table is generated from
 * EXIT_MEANINGS (`node --import tsx scripts/error-codes.ts`); a test keeps them in step.
 * Which error ends in which code is the `exit` column of src/error-registry.ts.
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
  THRESHOLD_ABORTED: 99,
  /** A service (engine, gateway, provider-sim) or a foreground `mib start` got a second Ctrl-C / SIGTERM while shutting down gracefully (128 + SIGINT). */
  SERVICE_INTERRUPTED: 130
} as const

export type ExitCode = typeof EXIT[keyof typeof EXIT]

/** One line per exit code, for the README's table (each code once, whatever its names). */
export const EXIT_MEANINGS: Readonly<Record<ExitCode, string>> = {
  0: 'success; every threshold passed',
  1: 'unexpected failure (a bug, or the environment: e.g. a service exited during start-up); an error whose exit code in the table below is 1',
  2: 'bad command-line usage (unknown flag, missing argument)',
  3: '`mib health` / `mib wait-ready`: a service is not healthy (in time)',
  4: '`--fail-on-regression`: a regression against the baseline',
  5: '`mib perf-test --chaos`: a resilience target failed (recovery, unclean failures, health at the end)',
  99: 'a threshold failed, or an `abortOnFail` threshold stopped the test (k6: ThresholdsHaveFailed)',
  100: '`setup()` timed out (k6: SetupTimeout)',
  101: '`teardown()` timed out (k6: TeardownTimeout)',
  104: 'invalid options or configuration, rejected before anything starts (k6: InvalidConfig)',
  105: 'aborted from outside: a second Ctrl-C / SIGTERM (k6: ExternalAbort)',
  107: 'the script threw outside an iteration, or could not be loaded, or uses what `mib load` cannot run unchanged (k6: ScriptException)',
  108: 'the script called `exec.test.abort()` (k6/execution; k6: ScriptAborted)',
  130: 'a service (`mib engine`, `mib gateway`, `mib provider-sim`) or a foreground `mib start` got a second Ctrl-C / SIGTERM during its graceful shutdown and exited at once'
}
