/**
 * k6/execution: the running VU, its scenario, and test.abort(). Fields k6
 * computes across the whole test that a thread cannot know cheaply are left
 * out (see docs/load.md).
 */
import { inInitContext } from './globals.js'
import { currentVu } from '../../vu/context.js'
import { maybeThreadState } from '../../runtime/thread-state.js'
import { TestAbortedError } from '../../errors.js'

const vu = {
  get idInTest (): number { return currentVu('exec.vu.idInTest').idInTest },
  get idInInstance (): number { return currentVu('exec.vu.idInInstance').idInTest },
  /** The VU's iteration in its current scenario (k6 counts across the VU's scenarios: equal with one scenario). */
  get iterationInInstance (): number { return currentVu('exec.vu.iterationInInstance').iteration },
  get iterationInScenario (): number { return currentVu('exec.vu.iterationInScenario').iteration },
  /** The VU's sample tags (read-only here). */
  get tags (): Readonly<Record<string, string>> { return currentVu('exec.vu.tags').tags }
}

const scenario = {
  get name (): string { return currentVu('exec.scenario.name').scenario?.name ?? '' },
  get executor (): string { return currentVu('exec.scenario.executor').scenario?.executor ?? '' }
}

const instance = {
  get vusInitialized (): number | undefined { return undefined },
  get vusActive (): number | undefined { return undefined }
}

const test = {
  /** Stops the whole test now; the exit code is 108 (k6: ScriptAborted). */
  abort (message?: string): never {
    const reason = message ?? 'test aborted by the script'
    maybeThreadState()?.abortTest?.(reason)
    throw new TestAbortedError(reason)
  },
  get options (): unknown { return maybeThreadState()?.options }
}

export { vu, scenario, instance, test }
export default { vu, scenario, instance, test, get inInit (): boolean { return inInitContext() } }
