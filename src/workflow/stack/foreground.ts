/**
 * `mib start` in the foreground: the services run until a signal, or until one
 * of them exits on its own (then the others are stopped too). Signals follow
 * the rule of src/signals.ts: the first stops every service gracefully (each
 * drains on SIGTERM, in reverse start order); a second kills what is left at
 * once and exits 130, as a service does. During start-up the first signal
 * stops the services once they are up, and a second is not taken (services
 * started half-way would outlive this process; start-up is bounded by its ready
 * timeout). Closing the terminal (SIGHUP) stops them gracefully too: they run
 * in their own process group and would otherwise outlive it.
 */
import { onStopSignals } from '../../signals.js'
import { EXIT } from '../../exit-codes.js'
import type { RunningStack, ServiceExit } from './supervisor.js'

/**
 * Starts the stack with `start` and supervises it; resolves once every service has
 * stopped: with the one that exited on its own, or undefined after a signal.
 */
export async function runForeground (start: () => Promise<RunningStack>, onInfo: (line: string) => void): Promise<ServiceExit | undefined> {
  let stack: RunningStack | undefined
  let stopAll = (_cause: ServiceExit | undefined): void => {}
  const signals = onStopSignals({
    graceful: () => {
      onInfo('stopping the services gracefully (Ctrl-C again to kill them at once)')
      stopAll(undefined)
    },
    beforeExit: () => {
      onInfo('killing the services now')
      stack?.killNow()
    },
    exitCode: EXIT.SERVICE_INTERRUPTED
  })
  const onHangUp = (): void => { stopAll(undefined) }
  process.on('SIGHUP', onHangUp)
  const release = (): void => {
    signals.remove()
    process.off('SIGHUP', onHangUp)
  }
  try {
    stack = await signals.deferTo(start)
  } catch (err) {
    release()
    throw err
  }
  const running = stack
  return await new Promise((resolve) => {
    let stopping = false
    stopAll = (cause) => {
      if (stopping) return
      stopping = true
      const done = (): void => { release(); resolve(cause) }
      running.stop().then(done, (err: unknown) => {
        onInfo(`stopping the services failed: ${err instanceof Error ? err.message : String(err)}`)
        done()
      })
    }
    void running.exited.then((exit) => {
      if (stopping) return
      onInfo(`${exit.name} exited (${exit.code ?? exit.signal}); stopping the others`)
      stopAll(exit)
    })
    if (signals.received > 0) stopAll(undefined)
    else onInfo('all services ready; Ctrl-C stops them')
  })
}
