import type { Output, OutputContext, OutputStopResult } from '../output.js'
import { shouldColor } from './colors.js'
import { textSummary } from './text-summary.js'

export { textSummary, type TextSummaryInput, type TextSummaryOptions } from './text-summary.js'
export { shouldColor } from './colors.js'
export { formatBytes, formatTime, formatPercent, formatRate } from './format.js'

/**
 * Prints the end-of-test text summary to stdout (colors only on a TTY without
 * NO_COLOR). The runner leaves it out under `--no-summary` or when the
 * script's handleSummary decides what goes to stdout.
 */
export class SummaryOutput implements Output {
  readonly name = 'summary'
  #context: OutputContext | undefined

  async start (context: OutputContext): Promise<void> {
    this.#context = context
  }

  async stop (result: OutputStopResult): Promise<void> {
    const stdout = this.#context?.stdout ?? process.stdout
    const text = textSummary(result.summary, { indent: ' ', enableColors: shouldColor(stdout) })
    await new Promise<void>((resolve, reject) => {
      stdout.write(text, (err) => { if (err == null) resolve(); else reject(err) })
    })
  }
}
