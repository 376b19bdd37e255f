import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'

const run = promisify(execFile)

test('make test\'s first step names the missing system programs and the exact apt command, before any test runs', async () => {
  const missing = await run(process.execPath, ['scripts/check-test-deps.mjs'], { env: { ...process.env, MIB_CHROMIUM: '/nonexistent/chromium', MIB_PROMETHEUS: '/nonexistent/prometheus' } })
    .then(() => assert.fail('must exit non-zero'), (err: { code: number, stderr: string }) => err)
  assert.equal(missing.code, 2)
  assert.match(missing.stderr, /Chromium not found at \/nonexistent\/chromium/)
  assert.match(missing.stderr, /Prometheus not found at \/nonexistent\/prometheus/)
  assert.match(missing.stderr, /sudo apt-get update && sudo apt-get install -y chromium prometheus/)
  assert.match(missing.stderr, /make install-test-deps/)
})

test('with the programs in place it says nothing and lets the tests run', async () => {
  // This machine (like CI after .ci/run) has them; point at this Node binary as a stand-in otherwise.
  const { stdout, stderr } = await run(process.execPath, ['scripts/check-test-deps.mjs'], { env: { ...process.env, MIB_CHROMIUM: process.execPath, MIB_PROMETHEUS: process.execPath } })
  assert.equal(stdout + stderr, '')
})
