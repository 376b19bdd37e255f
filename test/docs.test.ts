import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { EXIT } from '../src/cli/exit-codes.js'

const run = promisify(execFile)

test('the README lists every error code the code declares (the table is not stale)', async () => {
  await assert.doesNotReject(run(process.execPath, ['scripts/error-codes.mjs', '--check']))
})

test('the README exit-code table lists every code of src/cli/exit-codes.ts', async () => {
  const readme = await readFile('README.md', 'utf8')
  for (const code of new Set(Object.values(EXIT))) assert.match(readme, new RegExp(`^\\| ${code} \\|`, 'm'), `exit code ${code}`)
})

test('every subcommand of mib is described in the README', async () => {
  const readme = await readFile('README.md', 'utf8')
  const { stdout } = await run(process.execPath, ['bin/mib.js', '--help'], { env: { ...process.env, MIB_FROM_SOURCE: '1' } })
  const commands = stdout.slice(stdout.indexOf('Commands:'))
  const names = [...commands.matchAll(/^ {2}([a-z-]+)\b/gm)].map((m) => m[1]).filter((n) => n !== 'help')
  assert.ok(names.length >= 10)
  for (const name of names) assert.ok(readme.includes(`mib ${name}`), `mib ${name}`)
})
