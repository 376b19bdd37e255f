import { EXIT } from '../../exit-codes.js'
import type { Logger } from './logger.js'

/**
 * Calls `close` once on the first SIGTERM or SIGINT (graceful: drain, then exit 0);
 * a second signal exits at once with 130 (EXIT.SERVICE_INTERRUPTED). `close` is bounded
 * by `timeoutMs`, after which the process exits 1 rather than hanging forever.
 */
export function closeOnSignals (close: () => Promise<void>, logger: Logger, timeoutMs = 10_000): void {
  let closing = false
  const onSignal = (signal: NodeJS.Signals): void => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now')
      process.exit(EXIT.SERVICE_INTERRUPTED)
    }
    closing = true
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
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
}
