/**
 * Names in the report and the results directory say what they hold: no `opts`
 * for an options object, no one-letter `o`, `f` or `m` for an observer, a
 * factor, a fault or a manifest (tests included: they are read as examples).
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

function sources (dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) sources(path, out)
    else if (name.endsWith('.ts')) out.push(path)
  }
  return out
}

const UNCLEAR = [
  { what: 'an options object named opts', pattern: /\bopts\b/ },
  { what: 'a one-letter o, f or m declared', pattern: /\b(?:const|let|var) [ofm]\b|[(,] ?[ofm]: [A-Z]/ }
]

test('the report and the results directory name their values for what they hold', () => {
  const found: string[] = []
  for (const file of [...sources('src/lab/report'), ...sources('src/lab/results-dir')].filter((f) => !f.endsWith('names.test.ts'))) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      for (const { what, pattern } of UNCLEAR) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}`)
    })
  }
  assert.deepEqual(found, [])
})
