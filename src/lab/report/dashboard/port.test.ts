import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { filesContaining } from '../../../../test/helpers/source-files.js'
import { markers } from '../../../option-table/index.js'
import { DEFAULT_DASHBOARD_PORT } from './port.js'

test('the dashboard\'s default port is written once in src/: in src/dashboard-port.ts (the dashboard, mib load, mib monitor and mib perf-test derive from it)', () => {
  assert.deepEqual(filesContaining(['src'], String(DEFAULT_DASHBOARD_PORT), /./), ['src/dashboard-port.ts'])
})

test('docs/report.md gives the dashboard\'s default port only in the options table generated from the schema', () => {
  const docs = readFileSync('docs/report.md', 'utf8')
  const { begin, end } = markers('dashboard-api')
  const generated = docs.slice(docs.indexOf(begin), docs.indexOf(end))
  assert.ok(generated.includes(`| \`port\` | \`${DEFAULT_DASHBOARD_PORT}\` |`), 'the generated table shows the port')
  assert.ok(!docs.replace(generated, '').includes(String(DEFAULT_DASHBOARD_PORT)), 'the prose repeats the default port')
})
