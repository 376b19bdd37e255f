import { EXIT } from '../../exit-codes.js'
import type { Logger } from './logger.js'
import { onStopSignals } from '../../signals.js'

/**
 * The services' side of the signal rule (src/signals.ts): the first SIGTERM or
 * SIGINT calls `close` once (drain, then exit 0); a second exits at once with 130
 * (EXIT.SERVICE_INTERRUPTED). `close` is bounded by `timeoutMs`, after which the
 * process exits 1 rather than hanging forever.
 */
export function closeOnSignals (close: () => Promise<void>, logger: Logger, timeoutMs = 10_000): void {
  onStopSignals({
    graceful: (signal) => {
      logger.info({ signal }, 'shutting down gracefully')
      const timer = setTimeout(() => {
        logger.error({ timeoutMs }, 'graceful shutdown timed out')
        process.exit(EXIT.GENERIC_ERROR)
      }, timeoutMs)
      timer.unref()
      close().then(() => {
        clearTimeout(timer)
        logger.flush?.()
        process.exit(EXIT.OK)
      }, (err: unknown) => {
        logger.error({ err }, 'shutdown failed')
        process.exit(EXIT.GENERIC_ERROR)
      })
    },
    beforeExit: (signal) => { logger.warn({ signal }, 'second signal: exiting now') },
    exitCode: EXIT.SERVICE_INTERRUPTED
  })
}
