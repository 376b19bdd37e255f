import { test } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { withTables } from '../scripts/error-codes.js'

const run = promisify(execFile)

test('the README\'s error-code and exit-code tables are the ones src/error-registry.ts and src/exit-codes.ts generate', async () => {
  const readme = await readFile('README.md', 'utf8')
  assert.equal(readme, withTables(readme), 'stale: run `node --import tsx scripts/error-codes.ts`')
  assert.match(readme, /^\| 130 \| /m)
  assert.match(readme, /^\| `MIB_ERR_LOAD_SCRIPT_LOAD` \| 400 \| 107 \| /m)
})

test('every subcommand of mib is described in the README', async () => {
  const readme = await readFile('README.md', 'utf8')
  const { stdout } = await run(process.execPath, ['bin/mib.js', '--help'], { env: { ...process.env, MIB_FROM_SOURCE: '1' } })
  const commands = stdout.slice(stdout.indexOf('Commands:'))
  const names = [...commands.matchAll(/^ {2}([a-z-]+)\b/gm)].map((m) => m[1]).filter((n) => n !== 'help')
  assert.ok(names.length >= 10)
  for (const name of names) assert.ok(readme.includes(`mib ${name}`), `mib ${name}`)
})
