// The signal rule (src/signals.ts) over real signals, in child processes.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const FIXTURE = fileURLToPath(new URL('../test/fixtures/stop-signals.ts', import.meta.url))

interface Child {
  /** Resolves once stdout has a line containing `text`. */
  line: (text: string) => Promise<void>
  signal: (name: NodeJS.Signals) => void
  exited: Promise<{ code: number | null, stdout: string }>
}

function start (...args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  let stdout = ''
  const waiters: Array<{ text: string, resolve: () => void }> = []
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    for (const w of [...waiters]) if (stdout.includes(w.text)) { waiters.splice(waiters.indexOf(w), 1); w.resolve() }
  })
  const exited = new Promise<{ code: number | null, stdout: string }>((resolve) => child.once('close', (code) => { resolve({ code, stdout }) }))
  const timer = setTimeout(() => { child.kill('SIGKILL') }, 60_000)
  void exited.then(() => { clearTimeout(timer) })
  return {
    line: async (text) => {
      if (stdout.includes(text)) return
      await new Promise<void>((resolve, reject) => {
        waiters.push({ text, resolve })
        void exited.then(() => { reject(new Error(`exited before printing "${text}":\n${stdout}`)) })
      })
    },
    signal: (name) => { child.kill(name) },
    exited
  }
}

test('first signal graceful, second immediate: beforeExit runs, then the exit code', async () => {
  const child = start('exit')
  await child.line('ready')
  child.signal('SIGTERM')
  await child.line('graceful SIGTERM')
  child.signal('SIGINT')
  const { code, stdout } = await child.exited
  assert.equal(code, 105)
  assert.match(stdout, /beforeExit SIGINT after 2/)
})

test('with `immediate`, the second signal calls it instead of exiting; the third exits', async () => {
  const child = start('immediate')
  await child.line('ready')
  child.signal('SIGINT')
  await child.line('graceful SIGINT')
  child.signal('SIGINT')
  await child.line('immediate SIGINT')
  child.signal('SIGINT')
  const { code, stdout } = await child.exited
  assert.equal(code, 105)
  assert.doesNotMatch(stdout, /beforeExit SIGINT after 2/)
  assert.match(stdout, /beforeExit SIGINT after 3/)
})

test('inside deferTo, signals after the first are left to the inner component; after it, the next one exits', async () => {
  const child = start('defer', '1500')
  await child.line('deferring')
  child.signal('SIGINT')
  await child.line('graceful SIGINT')
  child.signal('SIGINT')
  child.signal('SIGINT')
  await child.line('deferred span over after 1')
  child.signal('SIGTERM')
  const { code, stdout } = await child.exited
  assert.equal(code, 105)
  assert.match(stdout, /beforeExit SIGTERM after 2/)
})
