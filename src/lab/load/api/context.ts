/**
 * `env` (k6's __ENV), `vu` (k6's __VU / __ITER / exec.vu and exec.scenario)
 * and fail().
 */
import { currentVu, maybeCurrentVu } from '../vu/context.js'
import { maybeThreadState } from '../runtime/thread-state.js'
import { IterationFailError } from '../errors.js'

const NO_ENV: Readonly<Record<string, string>> = {}

// Scripts read env in every iteration: one ALS lookup and one property read.
function view (): Readonly<Record<string, string>> {
  return maybeCurrentVu()?.scenario?.envView ?? maybeThreadState()?.env ?? NO_ENV
}

function lookup (key: string): string | undefined {
  const values = view()
  return Object.hasOwn(values, key) ? values[key] : undefined
}

function keys (): string[] {
  return Object.keys(view())
}

/**
 * The environment: `--env K=V` values over the process environment, and a
 * scenario's `env` over both while its VUs run. Read-only.
 */
export const env: Readonly<Record<string, string | undefined>> = new Proxy({}, {
  get: (_target, key) => typeof key === 'string' ? lookup(key) : undefined,
  has: (_target, key) => typeof key === 'string' && lookup(key) !== undefined,
  ownKeys: () => keys(),
  getOwnPropertyDescriptor: (_target, key) => {
    const value = typeof key === 'string' ? lookup(key) : undefined
    return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: false }
  },
  set: () => { throw new TypeError('env is read-only (pass values with --env K=V)') }
})

/** The running VU. */
export const vu = {
  /** 1-based, unique in the test (k6's __VU and exec.vu.idInTest); 0 in setup and teardown. */
  get id (): number { return currentVu('vu.id').idInTest },
  get idInTest (): number { return currentVu('vu.idInTest').idInTest },
  /** 0-based iteration of this VU in its scenario (k6's __ITER). */
  get iteration (): number { return currentVu('vu.iteration').iteration },
  get iterationInScenario (): number { return currentVu('vu.iterationInScenario').iteration },
  /** The scenario's name ('setup' or 'teardown' in those). */
  get scenario (): string { return currentVu('vu.scenario').scenario?.name ?? '' }
}

/** Ends the iteration with an error (k6's fail()). */
export function fail (message = 'fail() called'): never {
  throw new IterationFailError(message)
}
