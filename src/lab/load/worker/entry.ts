/**
 * A load worker thread: loads the script, runs its segment of the scenarios on
 * its own ScenarioRunner and MetricRegistry, and reports metric deltas (exact
 * snapshots), samples and status to the main thread about once a second.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { MetricRegistry } from '../metrics/index.js'
import { Emitter } from '../runtime/emitter.js'
import { installThreadState } from '../runtime/thread-state.js'
import { ScenarioRunner } from '../runtime/scenario-runner.js'
import { ErrorLog } from '../runtime/error-log.js'
import { importScript } from '../script/loader.js'
import { resolveOptions } from '../script/resolve-options.js'
import { sleepScaleOf } from '../script/time-scale.js'
import { createVuResources } from '../runtime/vu-resources.js'
import { deepFreeze } from '../runtime/deep-freeze.js'
import { isMibError } from '../../../errors.js'
import { InvalidOptionsError } from '../../../options.js'
import type { FromWorker, ToWorker, WorkerInit, WorkerReport } from './messages.js'

const port = parentPort
if (port === null) throw new Error('worker/entry.ts runs only as a worker thread')
const init = workerData as WorkerInit
const send = (message: FromWorker): void => { port.postMessage(message) }

try {
  const registry = MetricRegistry.withBuiltins()
  const emitter = new Emitter(registry)
  if (init.captureSamples) emitter.captureSamples()
  const thread = { emitter, env: init.env, options: undefined as unknown, abortTest: (reason: string) => { send({ type: 'test-abort', reason }) } }
  installThreadState(thread)
  const script = await importScript(init.scriptPath, init.bundleUrl)
  thread.options = script.options
  const options = resolveOptions({ script, preset: init.preset, cli: init.cli, timeScale: init.timeScale, fastForward: init.fastForward })
  for (const selector of init.submetrics) registry.trackSubmetric(selector)
  const errors = new ErrorLog((line) => { process.stderr.write(`${line}\n`) })
  // A rejection nobody awaited (a call without await) must not kill the worker.
  process.on('unhandledRejection', (reason) => { errors.report('unhandled promise rejection (a call without await?)', reason) })
  const runner = new ScenarioRunner({
    scenarios: options.scenarios,
    functions: script.functions,
    segment: init.segment,
    resources: createVuResources({ emitter, options, env: init.env, sleepScale: sleepScaleOf(init.timeScale, init.fastForward) }),
    setupData: deepFreeze(init.setupData),
    errors
  })
  const report = (): WorkerReport => ({
    snapshot: registry.snapshot({ reset: true }),
    samples: emitter.takeSamples(),
    status: runner.status(),
    vus: runner.vuCounts()
  })
  port.on('message', (message: ToWorker) => {
    if (message.type === 'stop') runner.stop()
    else if (message.type === 'abort') runner.abort()
    else if (message.type === 'start') {
      const ticker = setInterval(() => { send({ type: 'report', report: report() }) }, init.reportEveryMs)
      void runner.run().then(async () => {
        clearInterval(ticker)
        await runner.close()
        errors.flushCounts()
        send({ type: 'done', report: report() })
        port.close()
      })
    }
  })
  send({ type: 'ready' })
} catch (err) {
  send({
    type: 'failed',
    error: {
      code: isMibError(err) ? err.code : undefined,
      message: err instanceof Error ? err.message : String(err),
      stack: err instanceof Error ? err.stack : undefined,
      problems: err instanceof InvalidOptionsError ? err.problems : undefined
    }
  })
}
