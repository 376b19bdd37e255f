/**
 * k6's group(): nests the samples of `fn` under a group (tag `group`,
 * "::outer::inner") and records group_duration. `fn` may be async: the group
 * lasts until its promise settles.
 */
import { currentVu } from '../vu/context.js'

export function group<T> (name: string, fn: () => T): T {
  if (name.includes('::')) throw new TypeError(`group name "${name}" must not contain "::"`)
  const vu = currentVu('group()')
  const parent = vu.groupPath
  const path = `${parent}::${name}`
  const start = vu.resources.clock.now()
  vu.groupPath = path
  const finish = (): void => {
    if (!vu.interrupted) {
      const emitter = vu.resources.emitter
      emitter.add(emitter.builtin.group_duration, vu.resources.clock.now() - start, vu.tags)
    }
    vu.groupPath = parent
  }
  let result: T
  try {
    result = fn()
  } catch (err) {
    finish()
    throw err
  }
  if (result instanceof Promise) return result.finally(finish) as T
  finish()
  return result
}
