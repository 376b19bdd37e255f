/**
 * Comments and docs that send a reader to a test ("test/docs.test.ts checks …")
 * name a test file that exists: a moved or renamed test must take its mentions along.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { sourceFiles } from './helpers/source-files.js'

const TEST_PATH = /\b(?:src|test|scripts|bench|load-testing)\/[\w./-]+\.test\.ts\b/g

test('every test file named in src/, scripts/, bench/, test/, docs/ and the README exists', () => {
  const files = [...sourceFiles(['src', 'scripts', 'bench', 'test', 'docs'], /\.(ts|mjs|md)$/), 'README.md']
  const mentions = files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(TEST_PATH)].map((m) => ({ file, path: m[0] })))
  assert.ok(mentions.length > 0, 'the scan finds the mentions it judges')
  assert.deepEqual(mentions.filter((m) => !existsSync(m.path)).map((m) => `${m.file} names ${m.path}`), [])
})
