import { test, type TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { request } from 'undici'

const MIB = fileURLToPath(new URL('../../../bin/mib.js', import.meta.url))

interface Run { child: ChildProcess, stdout: () => string, stderr: () => string }

function runMib (t: TestContext, args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [MIB, 'provider-sim', ...args], {
    env: { ...process.env, MIB_FROM_SOURCE: '1', MIB_LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk })
  t.after(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGKILL')
    await once(child, 'exit')
  })
  return { child, stdout: () => stdout, stderr: () => stderr }
}

async function exitCode (child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode
  const [code] = await once(child, 'exit') as [number | null]
  return code
}

test('invalid flags are rejected with every problem listed and exit code 104', async (t) => {
  const run = runMib(t, ['--error-rate', '7', '--port', 'abc', '--tick-rate', '-1', '--latency-median-ms', '50', '--latency-p99-ms', '10'])
  assert.equal(await exitCode(run.child), 104)
  const err = run.stderr()
  assert.match(err, /--error-rate .*<=1/)
  assert.match(err, /--port /)
  assert.match(err, /--tick-rate .*>=0/)
  assert.match(err, /--latency-p99-ms .*latencyMedianMs/)
})

test('invalid environment variables are rejected like flags, and flags override them', async (t) => {
  const bad = runMib(t, ['--port', '0'], { PROVIDER_SIM_ERROR_RATE: 'lots' })
  assert.equal(await exitCode(bad.child), 104)
  assert.match(bad.stderr(), /PROVIDER_SIM_ERROR_RATE/)
  const overridden = runMib(t, ['--error-rate', '2'], { PROVIDER_SIM_ERROR_RATE: '0.5' })
  assert.equal(await exitCode(overridden.child), 104)
  assert.match(overridden.stderr(), /<=1/)
})

test('the simulator logs its URL, serves, and exits 0 on SIGTERM', async (t) => {
  const run = runMib(t, ['--port', '0', '--tick-rate', '0', '--seed', '9', '--symbols', 'AAPL,MSFT'], { MIB_ENV: 'development' })
  const lines = createInterface({ input: run.child.stdout ?? process.stdin })
  const exited = once(run.child, 'exit').then(() => { throw new Error(`exited before listening:\n${run.stderr()}`) })
  const listening = new Promise<string>((resolve) => {
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as { msg?: string, url?: string }
      if (entry.msg === 'provider-sim listening' && entry.url !== undefined) resolve(entry.url)
    })
  })
  const url = await Promise.race([listening, exited])
  const health = await request(`${url}/health`, { reset: true })
  const body = await health.body.json() as { status: string, seed: number, symbols: string[] }
  assert.equal(health.statusCode, 200)
  assert.deepEqual([body.status, body.seed, body.symbols], ['ok', 9, ['AAPL', 'MSFT']])
  run.child.kill('SIGTERM')
  assert.equal(await exitCode(run.child), 0)
})
