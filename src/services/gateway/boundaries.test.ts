import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('.', import.meta.url))

function sources (dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : sources(path)
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : []
  })
}

test('the gateway knows the engine only through the contract: no import of services/engine', () => {
  const offenders = sources(root).filter((file) => /from '[^']*\/engine\//.test(readFileSync(file, 'utf8')))
  assert.deepEqual(offenders, [])
  assert.ok(sources(root).length > 10, 'the scan sees the gateway sources')
})
