/**
 * k6/data: SharedArray(name, fn). k6 runs fn once and shares the frozen array
 * between VUs; here too, once per thread (by name).
 */
import './globals.js'

const arrays = new Map<string, readonly unknown[]>()

export class SharedArray {
  constructor (name: string, fn: () => unknown) {
    if (typeof name !== 'string' || name === '') throw new TypeError('SharedArray: the first argument must be a non-empty name')
    if (typeof fn !== 'function') throw new TypeError(`SharedArray("${name}"): the second argument must be a function returning an array`)
    let array = arrays.get(name)
    if (array === undefined) {
      const data = fn()
      if (!Array.isArray(data)) throw new TypeError(`SharedArray("${name}"): the function must return an array`)
      // k6 passes the data through JSON: the same copy semantics, and frozen.
      array = deepFreeze(JSON.parse(JSON.stringify(data)) as unknown[])
      arrays.set(name, array)
    }
    // Returning an object from a constructor makes `new SharedArray()` that array (indexing, length, iteration work as in k6).
    return array as unknown as SharedArray
  }
}

function deepFreeze<T> (value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}

export default { SharedArray }
