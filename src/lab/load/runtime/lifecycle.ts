/**
 * setup() and teardown(): run once, on a VU of their own (id 0, as k6), with
 * a timeout (options.setupTimeout / teardownTimeout).
 */
import { SetupFailedError, SetupTimeoutError, TeardownFailedError, TeardownTimeoutError, TestAbortedError } from '../errors.js'
import { runAsVu } from '../vu/context.js'
import { Vu, type VuResources } from '../vu/vu.js'
import { scriptErrorText } from './script-error.js'
import type { MibError } from '../../../errors.js'

export type LifecycleStage = 'setup' | 'teardown'

export async function runLifecycle (stage: LifecycleStage, resources: VuResources, fn: (data: unknown) => unknown, arg: unknown, timeoutMs: number): Promise<unknown> {
  const vu = new Vu(0, resources)
  vu.enterScenario({ name: stage, executor: stage, env: {}, envView: resources.env, tags: {}, open: false })
  vu.beginIteration(undefined, resources.clock.now())
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      vu.interrupt(`${stage}() timed out`)
      reject(stage === 'setup' ? new SetupTimeoutError(timeoutMs) : new TeardownTimeoutError(timeoutMs))
    }, timeoutMs)
  })
  try {
    return await Promise.race([Promise.resolve(runAsVu(vu, fn, arg)), timedOut])
  } catch (err) {
    if (err instanceof SetupTimeoutError || err instanceof TeardownTimeoutError || err instanceof TestAbortedError) throw err
    throw withCause(stage === 'setup' ? new SetupFailedError(scriptErrorText(err)) : new TeardownFailedError(scriptErrorText(err)), err)
  } finally {
    clearTimeout(timer)
    await vu.closeOwnConnections()
  }
}

function withCause (error: MibError, cause: unknown): MibError {
  Object.defineProperty(error, 'cause', { value: cause, enumerable: false })
  return error
}
