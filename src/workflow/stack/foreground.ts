/**
 * `mib start` in the foreground: the services run until a signal, or until one
 * of them exits on its own (then the others are stopped too). Signals follow
 * the rule of src/signals.ts: the first stops every service gracefully (each
 * drains on SIGTERM, in reverse start order); a second kills what is left at
 * once and exits 130, as a service does. Closing the terminal (SIGHUP) stops
 * them gracefully too: they run in their own process group and would
 * otherwise outlive it.
 */
import { onStopSignals } from '../../signals.js'
import { EXIT } from '../../exit-codes.js'
import type { RunningStack, ServiceExit } from './supervisor.js'

/** Resolves once every service has stopped: with the one that exited on its own, or undefined after a signal. */
export async function superviseForeground (stack: RunningStack, onInfo: (line: string) => void): Promise<ServiceExit | undefined> {
  return await new Promise((resolve) => {
    let stopping = false
    const stopAll = (cause: ServiceExit | undefined): void => {
      if (stopping) return
      stopping = true
      const done = (): void => {
        signals.remove()
        process.off('SIGHUP', onHangUp)
        resolve(cause)
      }
      stack.stop().then(done, (err: unknown) => {
        onInfo(`stopping the services failed: ${err instanceof Error ? err.message : String(err)}`)
        done()
      })
    }
    const signals = onStopSignals({
      graceful: () => {
        onInfo('stopping the services gracefully (Ctrl-C again to kill them at once)')
        stopAll(undefined)
      },
      beforeExit: () => {
        onInfo('killing the services now')
        stack.killNow()
      },
      exitCode: EXIT.SERVICE_INTERRUPTED
    })
    const onHangUp = (): void => { stopAll(undefined) }
    process.on('SIGHUP', onHangUp)
    void stack.exited.then((exit) => {
      if (stopping) return
      onInfo(`${exit.name} exited (${exit.code ?? exit.signal}); stopping the others`)
      stopAll(exit)
    })
  })
}
