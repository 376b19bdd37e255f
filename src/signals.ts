/**
 * SIGINT (Ctrl-C) and SIGTERM: one rule for every mib process, documented once
 * (README, "Signals"):
 *
 *   first signal   stop gracefully: finish or drain what is in flight, keep what
 *                  was measured, then end normally;
 *   second signal  stop immediately: `beforeExit` (synchronous: flush buffered
 *                  lines, kill children) then exit at once with `exitCode`.
 *
 * One option changes the second signal's meaning, for a component whose
 * immediate stop can still keep what was measured (the load runner interrupts
 * every iteration but still writes the summary): with `immediate`, the second
 * signal calls it instead of exiting, and only a third exits.
 *
 * A caller that hands the signals to an inner component for a while (the
 * workflow around the load runner) wraps that span in `deferTo`: the first
 * signal still reaches its `graceful`, later ones are left to the inner
 * component, and once the span ends the next signal exits.
 */
export interface StopSignalHandlers {
  /** First signal: begin a graceful stop. Must not block. */
  graceful: (signal: NodeJS.Signals) => void
  /** Exit code of the immediate exit (the lab's commands: 105, k6's ExternalAbort; services: 130). */
  exitCode: number
  /** Just before the immediate exit; synchronous. */
  beforeExit?: (signal: NodeJS.Signals) => void
  /** Second signal, instead of exiting: an immediate stop that still keeps what was measured. A third signal exits. */
  immediate?: (signal: NodeJS.Signals) => void
}

export interface StopSignals {
  /** Signals received so far (a signal left to an inner component counts as the first at most). */
  readonly received: number
  /** While `inner` runs, signals after the first are its own to handle (it installs its own handlers). */
  deferTo: <T>(inner: () => Promise<T>) => Promise<T>
  /** Removes the handlers (the process's default then applies). */
  remove: () => void
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const

export function onStopSignals (handlers: StopSignalHandlers): StopSignals {
  let received = 0
  let deferred = 0
  const onSignal = (signal: NodeJS.Signals): void => {
    received++
    if (received === 1) { handlers.graceful(signal); return }
    if (deferred > 0) { received = 1; return }
    if (received === 2 && handlers.immediate !== undefined) { handlers.immediate(signal); return }
    handlers.beforeExit?.(signal)
    process.exit(handlers.exitCode)
  }
  for (const signal of SIGNALS) process.on(signal, onSignal)
  return {
    get received () { return received },
    async deferTo (inner) {
      deferred++
      try {
        return await inner()
      } finally {
        deferred--
      }
    },
    remove () {
      for (const signal of SIGNALS) process.off(signal, onSignal)
    }
  }
}
