/**
 * Which k6 exports block a VU in k6 (and so return a Promise here), by module.
 * The transform awaits calls to them and makes their callers asynchronous.
 * `group` is special: it blocks only when its callback does.
 */
export const BLOCKING_EXPORTS: Readonly<Record<string, ReadonlySet<string>>> = {
  k6: new Set(['sleep']),
  'k6/http': new Set(['get', 'post', 'put', 'patch', 'del', 'head', 'options', 'request', 'batch']),
  'k6/ws': new Set(['connect'])
}

/** Calls that take a callback and run it synchronously in k6; the callback must stay synchronous. */
export const SYNC_CALLBACK_EXPORTS: Readonly<Record<string, ReadonlySet<string>>> = {
  k6: new Set(['check']),
  'k6/data': new Set(['SharedArray'])
}

export function isBlockingExport (module: string, name: string): boolean {
  return BLOCKING_EXPORTS[module]?.has(name) === true
}

export function isGroupExport (module: string, name: string): boolean {
  return module === 'k6' && name === 'group'
}

export function takesSyncCallback (module: string, name: string): boolean {
  return SYNC_CALLBACK_EXPORTS[module]?.has(name) === true
}

/**
 * Array methods whose callback may block: rewritten to helpers that await
 * each call in turn (k6 runs them one after the other too).
 */
export const AWAITED_ITERATORS: Readonly<Record<string, string>> = {
  forEach: '__mibK6ForEach',
  map: '__mibK6Map'
}
