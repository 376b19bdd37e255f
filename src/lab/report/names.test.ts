/**
 * Names in the report and the results directory say what they hold: no `opts`
 * for an options object, no one-letter `o`, `f` or `m` for an observer, a
 * factor, a fault or a manifest (tests included: they are read as examples).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { sourceFiles } from '../../../test/helpers/source-files.js'

const UNCLEAR = [
  { what: 'an options object named opts', pattern: /\bopts\b/ },
  { what: 'a one-letter o, f or m declared', pattern: /\b(?:const|let|var) [ofm]\b|[(,] ?[ofm]: [A-Z]/ }
]

test('the report and the results directory name their values for what they hold', () => {
  const found: string[] = []
  for (const file of sourceFiles(['src/lab/report', 'src/lab/results-dir'], /\.ts$/).filter((path) => !path.endsWith('names.test.ts'))) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const { what, pattern } of UNCLEAR) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}`)
    })
  }
  assert.deepEqual(found, [])
})
