/**
 * k6's globals: __ENV, __VU, __ITER and open(). Installed on globalThis when
 * a script imports any k6 module (every module here imports this one).
 */
import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { env } from '../../api/context.js'
import { maybeCurrentVu } from '../../vu/context.js'

import { SCRIPT_DIR_SYMBOL } from './script-dir.js'

/** Set by the bundle's first line (see transform-bundle.ts): the directory open() resolves against. */
const SCRIPT_DIR_KEY = Symbol.for(SCRIPT_DIR_SYMBOL)

const openCache = new Map<string, string | ArrayBuffer>()

/** > 0 while a VU runs its own init context (modules/vu-init.ts): open() is allowed there, as in k6. */
let vuInits = 0

/** Runs `init` as a VU's init context. */
export function runInitContext<T> (init: () => T): T {
  vuInits++
  try {
    return init()
  } finally {
    vuInits--
  }
}

/** Whether code runs in an init context: at load time, or in a VU's own init. */
export function inInitContext (): boolean {
  return vuInits > 0 || maybeCurrentVu() === undefined
}

/**
 * open(path, 'b'?): a file's text (or bytes), read once per thread; relative
 * to the script's directory; only in the init context, as k6 allows it. Bytes
 * are copied for each caller (each VU's init has its own, as in k6); text is
 * immutable, so one string serves all.
 */
export function open (path: string, mode?: string): string | ArrayBuffer {
  if (!inInitContext()) throw new Error(`open("${path}"): open() can only be called in the init context (the script's top level), as in k6`)
  const dir = (globalThis as Record<symbol, unknown>)[SCRIPT_DIR_KEY]
  const full = isAbsolute(path) ? path : resolve(typeof dir === 'string' ? dir : process.cwd(), path)
  const key = `${mode === 'b' ? 'b' : 't'}:${full}`
  let content = openCache.get(key)
  if (content === undefined) {
    const bytes = readFileSync(full)
    content = mode === 'b' ? bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer : bytes.toString('utf8')
    openCache.set(key, content)
  }
  return typeof content === 'string' ? content : content.slice(0)
}

function define (name: string, get: () => unknown): void {
  Object.defineProperty(globalThis, name, { get, configurable: true, enumerable: false })
}

define('__ENV', () => env)
// 0 in the init context, as k6's first (init) VU.
define('__VU', () => maybeCurrentVu()?.idInTest ?? 0)
define('__ITER', () => Math.max(0, maybeCurrentVu()?.iteration ?? 0))
Object.defineProperty(globalThis, 'open', { value: open, configurable: true, writable: true, enumerable: false })
