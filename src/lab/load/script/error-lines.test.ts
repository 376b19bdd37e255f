/**
 * A script's errors name the script's own file and line (as k6 prints them),
 * not the bundle's: real runs of k6-style and native scripts that throw in VU
 * code, at init, in setup and in teardown, in this thread and in workers.
 * Regression: ERROR lines named `/tmp/mib-load-…/k6-vu.mjs:…` (the bundle
 * was written without its source map linked).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Writable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { runLoadTest } from '../run.js'
import { exitCodeOf } from '../../../errors.js'
import { startTarget, type Target } from '../k6/fixtures/target.js'

const execFileAsync = promisify(execFile)
const MIB = fileURLToPath(new URL('../../../../bin/mib.js', import.meta.url))

let target: Target
before(async () => { target = await startTarget() })
after(async () => { await target.close() })

const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/errors/${name}`, import.meta.url))

/** What the user reads: stderr's ERROR lines, or the thrown error's message. */
async function errorText (name: string): Promise<{ exitCode: number, text: string }> {
  let stderr = ''
  const sink = (add: (s: string) => void): Writable => new Writable({ write (chunk: Buffer, _enc, done) { add(chunk.toString()); done() } })
  try {
    const result = await runLoadTest({
      script: fixture(name),
      env: { BASE_URL: target.url },
      processEnv: {},
      workers: 1,
      quiet: true,
      handleSignals: false,
      stdout: sink(() => {}),
      stderr: sink((s) => { stderr += s })
    })
    return { exitCode: result.exitCode, text: stderr }
  } catch (error) {
    return { exitCode: exitCodeOf(error), text: `${stderr}${error instanceof Error ? error.message : String(error)}` }
  }
}

/** The script's own file at the expected line (a stack frame as k6 prints it, file:///…, unless `frame` is false), never the bundle. */
function assertNames (text: string, name: string, line: number, { frame = true } = {}): void {
  assert.match(text, new RegExp(`${name.replace('.', '\\.')}:${line}:\\d+`), text)
  if (frame) assert.match(text, new RegExp(`\\bat (?:.+ \\()?file:///\\S*/${name.replace('.', '\\.')}:${line}:\\d+`), `a frame names the script as k6 does, file:///…/${name}:${line}:col`)
  assert.doesNotMatch(text, /\.mjs:\d+/, 'no frame names the bundle')
}

for (const [name, line] of [['k6-vu.js', 9], ['native-vu.ts', 9]] as const) {
  test(`${name}: an exception in VU code is reported at the script's line ${line}`, async () => {
    const { text } = await errorText(name)
    assert.match(text, /^ERROR iteration of scenario default: /m)
    assertNames(text, name, line)
  })

  test(`${name}: in worker threads too (\`mib load --workers 2\`, whose workers print on the process's stderr)`, async () => {
    const { stderr } = await execFileAsync(process.execPath, [MIB, 'load', '--workers', '2', '--quiet', '-e', `BASE_URL=${target.url}`, fixture(name)],
      { env: { ...process.env, MIB_FROM_SOURCE: '1' }, timeout: 60_000 })
    assert.match(stderr, /^ERROR iteration of scenario default: /m)
    assertNames(stderr, name, line)
  })
}

for (const [name, line] of [['k6-init.js', 5], ['native-init.ts', 5], ['k6-setup.js', 7], ['native-setup.ts', 7]] as const) {
  test(`${name}: the script error (exit 107) names the script's line ${line}`, async () => {
    const { exitCode, text } = await errorText(name)
    assert.equal(exitCode, 107)
    assertNames(text, name, line)
  })
}

test('k6-teardown.js: teardown\'s ERROR line names the script\'s line 7', async () => {
  const { exitCode, text } = await errorText('k6-teardown.js')
  assert.equal(exitCode, 107)
  assert.match(text, /^ERROR teardown\(\) threw/m)
  assertNames(text, 'k6-teardown.js', 7)
})

test('k6-syntax.js: a syntax error (exit 107) names the script\'s line 6', async () => {
  const { exitCode, text } = await errorText('k6-syntax.js')
  assert.equal(exitCode, 107)
  assertNames(text, 'k6-syntax.js', 6, { frame: false }) // esbuild's message, not a stack
})

test('k6-summary.js: handleSummary\'s ERROR line names the script\'s line 8', async () => {
  const { text } = await errorText('k6-summary.js')
  assert.match(text, /^ERROR handleSummary\(\) failed/m)
  assertNames(text, 'k6-summary.js', 8)
})
