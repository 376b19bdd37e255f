import { test } from 'node:test'
import assert from 'node:assert/strict'
import { scriptErrorText } from './script-error.js'

function errorWithStack (stack: string): Error {
  const err = new Error('boom')
  err.stack = stack
  return err
}

test('a frame naming an absolute path names it as a file:/// URL, as k6 prints frames', () => {
  const text = scriptErrorText(errorWithStack([
    'Error: boom',
    '    at k6_default (/home/me/tests/my script.js:9:8)',
    '    at /home/me/tests/lib.js:3:1',
    '    at JSON.parse (<anonymous>)',
    '    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)',
    '    at run (file:///opt/mib/dist/lab/load/run.js:50:36)'
  ].join('\n')))
  assert.equal(text, [
    'Error: boom',
    '    at k6_default (file:///home/me/tests/my%20script.js:9:8)',
    '    at file:///home/me/tests/lib.js:3:1',
    '    at JSON.parse (<anonymous>)',
    '    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)',
    '    at run (file:///opt/mib/dist/lab/load/run.js:50:36)'
  ].join('\n'))
})

test('the message is left alone, even when it looks like a path; a thrown non-Error is its text', () => {
  assert.equal(scriptErrorText(errorWithStack('Error: cannot open /data/x.csv:1:2')), 'Error: cannot open /data/x.csv:1:2')
  assert.equal(scriptErrorText('plain'), 'plain')
  const noStack = new Error('no stack')
  noStack.stack = undefined
  assert.equal(scriptErrorText(noStack), 'no stack')
})
