/**
 * Errors of the results directory (finding runs, reading manifests), declared once.
 * The codes keep the report's prefix (`MIB_ERR_REPORT_*`): users met them through
 * `mib results` and the report, and scripts branch on them.
 */
import { defineError } from '../../errors.js'

export const NoRunsError = defineError('MIB_ERR_REPORT_NO_RUNS',
  (root: string) => `no runs in ${root} (a run writes results/<run-id>/manifest.json; see \`mib results list\`)`)

export const RunNotFoundError = defineError('MIB_ERR_REPORT_RUN_NOT_FOUND',
  (ref: string, root: string) => `no run "${ref}" in ${root} (give a run id, a unique prefix of one, a run directory, or "latest")`)

export const AmbiguousRunError = defineError('MIB_ERR_REPORT_RUN_AMBIGUOUS',
  (ref: string, matches: string[]) => `"${ref}" matches several runs: ${matches.join(', ')}`)

export const ManifestCorruptError = defineError('MIB_ERR_REPORT_MANIFEST_CORRUPT',
  (file: string, detail: string) => `${file} is not a valid run manifest: ${detail}`)
