/**
 * Ctrl-C as in k6: the first SIGINT/SIGTERM stops the test gracefully
 * (running iterations get their gracefulStop; teardown, summary, outputs and
 * thresholds still happen); the second aborts at once (what was measured is
 * still summarised and flushed); a third exits immediately.
 */
export interface SignalHandlers {
  graceful: (signal: NodeJS.Signals) => void
  abort: (signal: NodeJS.Signals) => void
  /** Last resort: exit now (outputs flush synchronously on 'exit'). */
  exitNow: (signal: NodeJS.Signals) => void
}

export function installSignalHandlers (handlers: SignalHandlers): () => void {
  let received = 0
  const onSignal = (signal: NodeJS.Signals): void => {
    received++
    if (received === 1) handlers.graceful(signal)
    else if (received === 2) handlers.abort(signal)
    else handlers.exitNow(signal)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return () => {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
  }
}
