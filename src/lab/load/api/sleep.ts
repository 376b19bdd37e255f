/**
 * k6's sleep(seconds), asynchronous here: `await sleep(1)`. As written under
 * --time-scale; scaled by --fast-forward. Cut short (rejecting) when the
 * iteration is interrupted.
 */
import { currentVu } from '../vu/context.js'

export function sleep (seconds: number): Promise<void> {
  const vu = currentVu('sleep()')
  if (!Number.isFinite(seconds) || seconds < 0) throw new TypeError(`sleep(${String(seconds)}): seconds must be a non-negative number`)
  return vu.sleep(seconds * 1000 * vu.resources.sleepScale)
}
