import { test } from 'node:test'
import assert from 'node:assert/strict'
import { transformK6Script, type TransformResult } from './index.js'

// Stand-ins for the k6 modules: blocking calls resolve on a later turn and log, so order shows whether they were awaited.
const FAKE_K6 = `
const log = { push: (entry) => globalThis.__k6log.push(entry) }
const later = (value) => new Promise((resolve) => setImmediate(() => resolve(value)))
export const http = {
  get: (url) => { log.push('get ' + url); return later({ status: url.includes('404') ? 404 : 200, url, json: () => ({ url }) }) },
  post: (url, body) => { log.push('post ' + url); return later({ status: 200, url, body }) }
}
export default http
export const sleep = (s) => { log.push('sleep ' + s); return later(undefined) }
export const check = (value, sets) => { let all = true; for (const name in sets) { const r = sets[name](value); if (r && typeof r.then === 'function') throw new Error('async check'); log.push('check ' + name + ' ' + Boolean(r)); if (!r) all = false } return all }
export const group = (name, fn) => { log.push('group ' + name); const r = fn(); return r && typeof r.then === 'function' ? r.then((v) => { log.push('end ' + name); return v }) : (log.push('end ' + name), r) }
`
const fakeUrl = `data:text/javascript,${encodeURIComponent(FAKE_K6)}`
const moduleOf = (specifier: string): string | undefined => specifier === 'k6' || specifier.startsWith('k6/') ? specifier : undefined

function transform (code: string): TransformResult {
  return transformK6Script(code, { moduleOf })
}

/** Transforms `code`, runs its default export with the fake k6 modules, returns the call log and the result. */
async function run (code: string): Promise<{ log: string[], value: unknown, code: string }> {
  const result = transform(code)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  const log: string[] = []
  ;(globalThis as Record<string, unknown>).__k6log = log
  const runnable = result.code.replace(/(['"])k6(\/[a-z]+)?\1/g, JSON.stringify(fakeUrl))
  const mod = await import(`data:text/javascript,${encodeURIComponent(runnable)}`) as { default: () => unknown }
  const value = await mod.default()
  return { log, value, code: result.code }
}

function problems (code: string): string[] {
  const result = transform(code)
  assert.equal(result.ok, false, 'expected the transform to refuse this script')
  return result.ok ? [] : result.problems.map((p) => `${code.slice(0, p.pos).split('\n').length}: ${p.message}`)
}

test('a blocking call is awaited and its function made async; the response is used as in k6', async () => {
  const { log, value, code } = await run(`import http from 'k6/http'
export default function () { const res = http.get('/a'); return res.status }`)
  assert.equal(value, 200)
  assert.deepEqual(log, ['get /a'])
  assert.match(code, /export default async function/)
})

test('nested functions and helpers: the whole call chain becomes asynchronous, in order', async () => {
  const { log, value } = await run(`import http from 'k6/http'
import { sleep } from 'k6'
function fetch (path) { return http.get(path) }
function twice (path) { const a = fetch(path); sleep(1); const b = fetch(path + '2'); return a.status + b.status }
export default function () { function inner () { return twice('/x') } return inner() }`)
  assert.equal(value, 400)
  assert.deepEqual(log, ['get /x', 'sleep 1', 'get /x2'])
})

test('closures and factories: a function returned by a function is awaited where it is called', async () => {
  const { log, value } = await run(`import http from 'k6/http'
function client (base) { let calls = 0; return (path) => { calls++; return http.get(base + path).status + calls } }
const make = (base) => function (p) { return http.post(base + p) }
export default function () { const get = client('/c'); const post = make('/m'); const r = post('/1'); return [get('/1'), get('/2'), r.url] }`)
  assert.deepEqual(value, [201, 202, '/m/1'])
  assert.deepEqual(log, ['post /m/1', 'get /c/1', 'get /c/2'])
})

test('loops: for, for…of, while and do…while wait at every turn', async () => {
  const { log } = await run(`import http from 'k6/http'
export default function () {
  for (let i = 0; i < 2; i++) http.get('/for' + i)
  for (const p of ['/of']) http.get(p)
  let n = 0; while (n < 2) { http.get('/while' + n); n++ }
  do { http.get('/do') } while (false)
}`)
  assert.deepEqual(log, ['get /for0', 'get /for1', 'get /of', 'get /while0', 'get /while1', 'get /do'])
})

test('callbacks passed to group wait; check predicates stay synchronous and see the response', async () => {
  const { log, value } = await run(`import http from 'k6/http'
import { group, check } from 'k6'
export default function () {
  const status = group('outer', () => {
    group('sync', () => { check(1, { one: (v) => v === 1 }) })
    const res = group('inner', function () { return http.get('/g') })
    return check(res, { 'is 200': (r) => r.status === 200 }) ? res.status : 0
  })
  return status
}`)
  assert.equal(value, 200)
  assert.deepEqual(log, ['group outer', 'group sync', 'check one true', 'end sync', 'group inner', 'get /g', 'end inner', 'check is 200 true', 'end outer'])
})

test('arrow functions: expression and block bodies, forEach and map callbacks run one after the other', async () => {
  const { log, value } = await run(`import http from 'k6/http'
const get = (p) => http.get(p)
const status = (p) => { return get(p).status }
export default () => {
  const all = ['/1', '/404'].map((p) => status(p))
  ;['/a', '/b'].forEach((p) => { get(p) })
  return all
}`)
  assert.deepEqual(value, [200, 404])
  assert.deepEqual(log, ['get /1', 'get /404', 'get /a', 'get /b'])
})

test('classes: methods that block become async, calls through this and instances are awaited', async () => {
  const { log, value } = await run(`import http from 'k6/http'
class Api {
  constructor (base) { this.base = base }
  get (p) { return http.get(this.base + p) }
  static make () { return new Api('/s') }
  both () { return [this.get('/1').status, this.get('/2').status] }
}
class Sub extends Api { get (p) { return super.get('/sub' + p) } }
export default function () { const api = Api.make(); const sub = new Sub('/b'); return [...api.both(), sub.get('/x').url] }`)
  assert.deepEqual(value, [200, 200, '/b/sub/x'])
  assert.deepEqual(log, ['get /s/1', 'get /s/2', 'get /b/sub/x'])
})

test('early returns and try/finally around calls: finally runs after the awaited call, errors propagate', async () => {
  const { log, value } = await run(`import http from 'k6/http'
import { sleep } from 'k6'
function first (paths) { for (const p of paths) { const r = http.get(p); if (r.status === 200) return p } return null }
function guarded () { try { http.get('/t'); throw new Error('boom') } catch (e) { sleep(0); return e.message } finally { http.get('/finally') } }
export default function () { return [first(['/404', '/ok', '/never']), guarded()] }`)
  assert.deepEqual(value, ['/ok', 'boom'])
  assert.deepEqual(log, ['get /404', 'get /ok', 'get /t', 'sleep 0', 'get /finally'])
})

test('callbacks passed to the script\'s own functions (retry, timing helpers) are awaited where those call them', async () => {
  const { log, value } = await run(`import http from 'k6/http'
function retry (times, fn) { for (let i = 0; i < times; i++) { const r = fn(i); if (r.status === 200) return i } return -1 }
const timed = (name, fn) => { const start = 0; const out = fn(); return [name, out.status] }
export default function () { return [retry(3, (i) => http.get(i === 0 ? '/404' : '/ok')), timed('t', () => http.get('/t'))] }`)
  assert.deepEqual(value, [1, ['t', 200]])
  assert.deepEqual(log, ['get /404', 'get /ok', 'get /t'])
})

test('k6 exports taken out of their module (destructured, or read into a variable) still block', async () => {
  const { log } = await run(`import http from 'k6/http'
import * as k6 from 'k6'
const { get } = http
const post = http.post
export default function () { get('/d'); post('/p'); k6.sleep(2) }`)
  assert.deepEqual(log, ['get /d', 'post /p', 'sleep 2'])
})

test('methods destructured from the script\'s own objects still block', async () => {
  const { log, value } = await run(`import http from 'k6/http'
const api = { login (u) { return http.post('/login/' + u).url } }
export default function () { const { login } = api; return login('ana') }`)
  assert.equal(value, '/login/ana')
  assert.deepEqual(log, ['post /login/ana'])
})

test('optional chaining and calls inside expressions keep their meaning', async () => {
  const { value } = await run(`import http from 'k6/http'
export default function () { const a = http.get('/1').json()?.url; const b = (http.get('/404').status === 404) && http.get('/2').status; return [a, b, \`\${http.get('/3').status}\`] }`)
  assert.deepEqual(value, ['/1', 200, '200'])
})

test('a module-level variable that VU code assigns is reported as a difference (k6: one copy per VU; here shared by a thread\'s VUs)', () => {
  const result = transform(`import http from 'k6/http'
let token
let calls = 0
const fixed = 1
export default function () { if (!token) token = http.get('/login').json().url; calls++; return fixed }`)
  assert.ok(result.ok)
  assert.deepEqual(result.warnings.map((w) => w.message.split(' ')[0]), ['"token"', '"calls"'])
})

test('a script without blocking calls is left as is', () => {
  const code = `import { check } from 'k6'\nexport default function () { check(1, { ok: () => true }) }\n`
  const result = transform(code)
  assert.ok(result.ok)
  assert.equal(result.code, code)
  assert.equal(result.changed, false)
})

test('what cannot wait is refused, each with its line: callbacks of other APIs, init context, generators, constructors, getters, check predicates, __VU at the top level', () => {
  const found = problems(`import http from 'k6/http'
import { check } from 'k6'
const early = http.get('/init')
export default function () {
  [1].filter(() => http.get('/f'))
  setTimeout(() => http.get('/t'), 1)
  check(1, { blocked: () => http.get('/c').status === 200 })
}
function* gen () { yield http.get('/g') }
class A { constructor () { http.get('/ctor') } get x () { return http.get('/getter') } }
function later () { return http.get('/l') }
const handlers = [later]
const mine = ['a', 'b'][__VU % 2]
if (__VU === 0) console.log('the first init only: allowed')
`)
  assert.deepEqual(found.map((p) => p.split(':')[0]), ['3', '5', '6', '7', '9', '10', '10', '12', '13'])
  assert.match(found[0] ?? '', /init context/)
  assert.match(found[1] ?? '', /passed to \.filter\(\)/)
  assert.match(found[3] ?? '', /check\(\) runs its callbacks synchronously/)
  assert.match(found[4] ?? '', /generator/)
  assert.match(found[5] ?? '', /constructor/)
  assert.match(found[6] ?? '', /getter/)
  assert.match(found[7] ?? '', /"later" blocks .* used as a value \(ArrayExpression\)/)
  assert.match(found[8] ?? '', /__VU is read in the init context/)
})
