import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { filesContaining } from '../../../../test/helpers/source-files.js'
import { DEFAULT_DASHBOARD_PORT } from './port.js'

test('the dashboard\'s default port is written once in src/: in src/dashboard-port.ts (the dashboard, mib load, mib monitor and mib perf-test derive from it)', () => {
  assert.deepEqual(filesContaining(['src'], String(DEFAULT_DASHBOARD_PORT), /./), ['src/dashboard-port.ts'])
})

test('docs/report.md names the dashboard\'s default address once, and it is the one the code uses', () => {
  const docs = readFileSync('docs/report.md', 'utf8')
  const mentions = docs.match(new RegExp(`\\b${DEFAULT_DASHBOARD_PORT}\\b`, 'g')) ?? []
  assert.equal(mentions.length, 1, 'the default port in docs/report.md prose more than once')
  assert.ok(docs.includes(`default \`http://127.0.0.1:${DEFAULT_DASHBOARD_PORT}/\``))
})
