import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadScript } from './loader.js'
import { ScriptLoadError, ScriptNotFoundError, ScriptExportError } from '../errors.js'
import * as api from '../api/index.js'
import { MetricRegistry } from '../metrics/index.js'
import { Emitter } from '../runtime/emitter.js'
import { installThreadState } from '../runtime/thread-state.js'

async function folder (t: { after: (fn: () => Promise<void>) => void }, files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mib-script-'))
  t.after(async () => { await rm(dir, { recursive: true, force: true }) })
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  return dir
}

installThreadState({ emitter: new Emitter(MetricRegistry.withBuiltins()), env: { GREETING: 'hello' } })

test('a TypeScript script in a folder of its own (no package.json) loads with its helpers and the API', async (t) => {
  const dir = await folder(t, {
    'helper.ts': 'export const twice = (n: number): number => n * 2\n',
    'test.ts': [
      "import { http, env, Trend } from 'market-intel-brain/load'",
      "import { twice } from './helper.ts'",
      "export const latency = new Trend('helper_latency', true)",
      'export const options = { vus: twice(2), duration: "1s" }',
      'export const apiHttp = http',
      'export const greeting: string | undefined = env.GREETING',
      'export default async function (): Promise<void> {}',
      'export function setup (): number { return 1 }'
    ].join('\n')
  })
  const script = await loadScript(join(dir, 'test.ts'))
  assert.deepEqual(script.options, { vus: 4, duration: '1s' })
  assert.equal(typeof script.functions.default, 'function')
  assert.equal(typeof script.setup, 'function')
  assert.equal(script.teardown, undefined)
  const namespace = script as unknown as { functions: Record<string, unknown> }
  assert.ok('default' in namespace.functions)
})

test('the script gets the runner\'s own API module (shared state, not a copy)', async (t) => {
  const dir = await folder(t, { 'same.js': "import { http } from 'market-intel-brain/load'\nexport const options = { sameHttp: http }\nexport default function () {}\n" })
  const script = await loadScript(join(dir, 'same.js'))
  assert.equal((script.options as { sameHttp: unknown }).sameHttp, api.http)
})

test('env is readable at load time, for options that depend on it', async (t) => {
  const dir = await folder(t, { 'env.js': "import { env } from 'market-intel-brain/load'\nexport const options = { greeting: env.GREETING }\nexport default function () {}\n" })
  assert.deepEqual((await loadScript(join(dir, 'env.js'))).options, { greeting: 'hello' })
})

test('a syntax error is reported with its file, line and column', async (t) => {
  const dir = await folder(t, { 'broken.ts': 'export const options = {\nexport default 1\n' })
  await assert.rejects(loadScript(join(dir, 'broken.ts')), (err: unknown) => err instanceof ScriptLoadError && /broken\.ts:2:\d+/.test(err.message))
})

test('a missing script, and exports of the wrong kind, are named', async (t) => {
  await assert.rejects(loadScript('/nonexistent/script.ts'), ScriptNotFoundError)
  const dir = await folder(t, { 'bad.js': 'export const setup = 42\nexport const options = []\nexport default function () {}\n' })
  await assert.rejects(loadScript(join(dir, 'bad.js')), (err: unknown) => err instanceof ScriptExportError && /"setup" must be a function/.test(err.message) && /"options" must be an object/.test(err.message))
})
