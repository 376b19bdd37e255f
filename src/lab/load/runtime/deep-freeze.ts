/**
 * setup() data is shared by the VUs of a thread (k6 gives each VU a copy):
 * frozen, so a VU that mutates it fails loudly instead of leaking state into
 * other VUs.
 */
export function deepFreeze<T> (value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key])
  return Object.freeze(value)
}
