/** jslib.k6.io/k6-summary (any version), built in: textSummary(data, { indent, enableColors }). */
import './globals.js'
import { textSummary as runnerTextSummary } from '../../outputs/index.js'
import type { SummaryData } from '../../metrics/index.js'

export function textSummary (data: SummaryData, options: { indent?: string, enableColors?: boolean } = {}): string {
  return runnerTextSummary(data, { indent: options.indent ?? ' ', enableColors: options.enableColors ?? false })
}

export default { textSummary }
