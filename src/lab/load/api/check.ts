/**
 * k6's check(): runs each named predicate on `value`, records one `checks`
 * sample per check (tag `check`), and returns whether all passed. A failed
 * check does not stop the iteration.
 */
import { currentVu } from '../vu/context.js'
import type { Tags } from '../metrics/index.js'
import { tagsWith } from '../tags.js'

export type Checkers<T> = Record<string, ((value: T) => unknown) | boolean>

export function check<T> (value: T, checkers: Checkers<T>, tags?: Record<string, string>): boolean {
  const vu = currentVu('check()')
  const emitter = vu.resources.emitter
  const base: Tags = tags === undefined ? vu.tags : tagsWith({}, vu.tags, tags)
  let all = true
  for (const name in checkers) {
    const checker = checkers[name]
    const result = typeof checker === 'function' ? (checker as (value: T) => unknown)(value) : checker
    if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
      throw new TypeError(`check "${name}" returned a Promise: await the value first, then check it synchronously`)
    }
    const passed = Boolean(result)
    if (!passed) all = false
    emitter.add(emitter.builtin.checks, passed ? 1 : 0, tagsWith({ check: name }, base))
  }
  return all
}
