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
// Stand-in for modules/vu-init.ts: the "current VU" is globalThis.__k6vu (the runner finds it through AsyncLocalStorage).
const FAKE_PER_VU_INIT = `
export function perVuInit (init) {
  const first = init()
  const byVu = new Map()
  const pick = () => { const vu = globalThis.__k6vu; if (vu === undefined) return first; if (!byVu.has(vu)) byVu.set(vu, init()); return byVu.get(vu) }
  const out = {}
  for (const [name, value] of Object.entries(first)) out[name] = typeof value === 'function' ? (...args) => pick()[name](...args) : value
  return out
}
`
const perVuInitUrl = `data:text/javascript,${encodeURIComponent(FAKE_PER_VU_INIT)}`
const moduleOf = (specifier: string): string | undefined => specifier === 'k6' || specifier.startsWith('k6/') ? specifier : undefined

function transform (code: string): TransformResult {
  return transformK6Script(code, { moduleOf, perVuInitModule: 'mib-per-vu-init' })
}

/** Transforms `code` and imports it with the fake k6 modules. */
async function load (code: string): Promise<{ mod: Record<string, unknown> & { default: () => unknown }, log: string[], code: string, perVu: boolean }> {
  const result = transform(code)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  const log: string[] = []
  ;(globalThis as Record<string, unknown>).__k6log = log
  ;(globalThis as Record<string, unknown>).__k6vu = undefined
  const runnable = result.code.replace(/(['"])k6(\/[a-z]+)?\1/g, JSON.stringify(fakeUrl)).replace('"mib-per-vu-init"', JSON.stringify(perVuInitUrl))
  const mod = await import(`data:text/javascript,${encodeURIComponent(runnable)}`) as Record<string, unknown> & { default: () => unknown }
  return { mod, log, code: result.code, perVu: result.perVu }
}

/** Transforms `code`, runs its default export with the fake k6 modules, returns the call log and the result. */
async function run (code: string): Promise<{ log: string[], value: unknown, code: string }> {
  const { mod, log, code: transformed } = await load(code)
  const value = await mod.default()
  return { log, value, code: transformed }
}

/** Runs the default export `iterations` times as each of the VUs `vus` (interleaved: 1, 2, 1, 2, …), returns the values by VU. */
async function runAsVus (code: string, vus: number[], iterations: number): Promise<{ values: Record<number, unknown[]>, perVu: boolean, mod: Record<string, unknown>, code: string }> {
  const { mod, perVu, code: transformed } = await load(code)
  const values: Record<number, unknown[]> = {}
  for (let i = 0; i < iterations; i++) {
    for (const vu of vus) {
      ;(globalThis as Record<string, unknown>).__k6vu = vu
      const value = mod.default()
      ;(values[vu] ??= []).push(await value)
    }
  }
  ;(globalThis as Record<string, unknown>).__k6vu = undefined
  return { values, perVu, mod, code: transformed }
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

test('module-level variables VU code assigns are per VU, as in k6 (each VU its own init)', async () => {
  const { values, perVu } = await runAsVus(`import http from 'k6/http'
let token
let calls = 0
const fixed = 1
export default function () { if (!token) token = http.get('/login').json().url; calls++; return [calls, fixed, token] }`, [1, 2], 3)
  assert.equal(perVu, true)
  assert.deepEqual(values[1], [[1, 1, '/login'], [2, 1, '/login'], [3, 1, '/login']])
  assert.deepEqual(values[2], values[1])
})

test('objects mutated, closures made at init and helper-module state are per VU; the first init serves options and calls outside VUs', async () => {
  const { values, perVu, mod } = await runAsVus(`import { sleep } from 'k6'
const seen = { list: [] }
function makeCounter () { let n = 0; return () => ++n }
const next = makeCounter()
// helper module (esbuild puts it in the same scope)
let helperCalls = 0
function track () { return ++helperCalls }
export const options = { vus: 2 }
export function setup () { return track() }
export default function () { seen.list.push(__k6vu); sleep(0); return [seen.list.join(), next(), track()] }`, [1, 2], 2)
  assert.equal(perVu, true)
  assert.deepEqual(values[1], [['1', 1, 1], ['1,1', 2, 2]])
  assert.deepEqual(values[2], [['2', 1, 1], ['2,2', 2, 2]])
  assert.deepEqual(mod.options, { vus: 2 })
  assert.equal((mod.setup as () => number)(), 1)
})

test('a top-level __VU read gets each VU\'s own value (its own init); the first init sees 0', async () => {
  Object.defineProperty(globalThis, '__VU', { get: () => (globalThis as Record<string, unknown>).__k6vu ?? 0, configurable: true })
  try {
    const { values, perVu, mod } = await runAsVus(`import { check } from 'k6'
const me = ['zero', 'one', 'two'][__VU]
export const first = me
export default function () { return me }`, [1, 2], 2)
    assert.equal(perVu, true)
    assert.deepEqual(values, { 1: ['one', 'one'], 2: ['two', 'two'] })
    assert.equal(mod.first, 'zero')
  } finally {
    Reflect.deleteProperty(globalThis, '__VU')
  }
})

test('scripts that only read module state keep one shared module (no cost per VU)', () => {
  const shared = [
    `import http from 'k6/http'
import { check, sleep } from 'k6'
import { Trend, Counter } from 'k6/metrics'
import { SharedArray } from 'k6/data'
const BASE = __ENV.BASE_URL || 'http://localhost'
const VUS = Number(__ENV.VUS || '10')
const users = new SharedArray('users', () => JSON.parse(open('./users.json')))
const config = JSON.parse(open('./config.json'))
const HEADERS = { 'Content-Type': 'application/json' }
const wait = new Trend('wait', true)
const errors = new Counter('errors')
export const options = { vus: VUS, thresholds: { wait: ['p(95)<500'] } }
function url (path) { return BASE + path }
function pick (list) { const item = list[Math.floor(Math.random() * list.length)]; return item.name }
export default function () {
  const user = users[__VU % users.length]
  const res = http.post(url('/login'), JSON.stringify({ user: user.name, ...config.defaults }), { headers: HEADERS, tags: { name: pick(config.items) } })
  wait.add(res.timings.waiting)
  if (!check(res, { ok: (r) => r.status === 200 })) errors.add(1)
  for (const item of config.items) if (item.enabled) http.get(url(item.path), { headers: HEADERS })
  config.items.forEach((item) => console.log(item.name, Object.keys(HEADERS).join()))
  sleep(1)
}`,
    `import { check } from 'k6'\nif (__VU === 0) console.log('first init')\nexport default function () { check(1, { ok: () => true }) }\n`
  ]
  for (const code of shared) {
    const result = transform(code)
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems))
    assert.equal(result.perVu, false, code.slice(0, 80))
  }
})

test('what makes a script need an init per VU: each way VU code can change module state', () => {
  const needs = {
    assigned: 'let n = 0\nexport default function () { n++ }',
    member: 'const o = {}\nexport default function () { o.x = 1 }',
    nested: 'const o = { a: { b: 1 } }\nexport default function () { o.a.b += 1 }',
    deleted: 'const o = { a: 1 }\nexport default function () { delete o.a }',
    push: 'const list = []\nexport default function () { list.push(1) }',
    alias: 'const list = []\nexport default function () { const l = list; l.push(1) }',
    element: 'const users = [{ n: 0 }]\nexport default function () { for (const u of users) u.n++ }',
    callback: 'const users = [{ n: 0 }]\nexport default function () { users.forEach((u) => { u.n++ }) }',
    parameter: 'const state = { n: 0 }\nfunction bump (s) { s.n++ }\nexport default function () { bump(state) }',
    closure: 'function counter () { let n = 0; return () => ++n }\nconst next = counter()\nexport default function () { next() }',
    ownMethod: 'class Store { constructor () { this.n = 0 } get () { return ++this.n } }\nconst store = new Store()\nexport default function () { store.get() }',
    escapes: 'const o = {}\nexport default function () { return o }',
    unknownCallee: 'const o = {}\nexport default function () { setTimeout(() => {}, 0, o); someLib(o) }',
    regex: 'const re = /a/g\nexport default function () { re.test("a") }'
  }
  for (const [name, code] of Object.entries(needs)) {
    const result = transform(`import { check } from 'k6'\n${code}\n`)
    assert.ok(result.ok, name)
    assert.equal(result.perVu, true, name)
  }
})

test('a bundle that cannot get an init per VU keeps one module, with a warning naming the state (and __VU at the top level is refused)', () => {
  const result = transform(`import { check } from 'k6'\nlet n = 0\nexport default function () { n++ }\nawait Promise.resolve()\n`)
  assert.ok(result.ok)
  assert.equal(result.perVu, false)
  assert.match(result.warnings[0]?.message ?? '', /"n" is module-level state that VU code changes .*awaits at the top level/)
  assert.match(problems(`import { check } from 'k6'\nconst me = __VU\nexport default function () { check(me, {}) }\nawait Promise.resolve()\n`)[0] ?? '', /^2: __VU is read in the init context/)
})

test('properties of the global object that VU code assigns are named in a warning: one global object per thread here, one per VU in k6', () => {
  const result = transform(`import { check } from 'k6'\nglobalThis.seen = 0\nexport default function () { globalThis.seen++; check(globalThis.seen, {}) }\n`)
  assert.ok(result.ok)
  assert.deepEqual(result.warnings.map((w) => `${result.code.slice(0, w.pos).split('\n').length}: ${w.message.split(':')[0]}`), ['3: globalThis\'s properties are assigned by VU code'])
})

test('imports after the first statement move into place, re-exports stay, one local exported twice is bound once', async () => {
  const { values, mod, code } = await runAsVus(`import { sleep } from 'k6'
let n = 0
function bump () { sleep(0); return ++n }
import { check } from 'k6'
export { bump as default, bump as again, n as count }`, [1, 2], 2)
  assert.deepEqual(values, { 1: [1, 2], 2: [1, 2] })
  assert.equal(mod.count, 0)
  assert.equal(code.split('\n').length, 5, 'no new lines')
  assert.match(code.split('\n')[3] ?? '', /^\/\* import \{ check \} from 'k6' \*\/ $/)
})

test('fn.call(), fn.apply() and a variable holding fn.bind() of a blocking function are awaited', async () => {
  const { log, value } = await run(`import http from 'k6/http'
function fetch (path) { return http.get(this.base + path) }
const api = { base: '/a', get (p) { return http.get(this.base + p) } }
export default function () {
  const one = fetch.call({ base: '/c' }, '/1')
  const two = fetch.apply({ base: '/d' }, ['/2'])
  const three = api.get.call({ base: '/m' }, '/3')
  const four = http.get.call(http, '/4')
  const bound = fetch.bind({ base: '/b' })
  return [one.url, two.url, three.url, four.url, bound('/5').url]
}`)
  assert.deepEqual(value, ['/c/1', '/d/2', '/m/3', '/4', '/b/5'])
  assert.deepEqual(log, ['get /c/1', 'get /d/2', 'get /m/3', 'get /4', 'get /b/5'])
})

test('computed property names and computed member calls: constant keys by name, dynamic keys awaited when they may reach a blocking function', async () => {
  const { log, value } = await run(`import http from 'k6/http'
const LOGIN = 'login'
const actions = { browse () { return http.get('/browse').status }, [LOGIN] (u) { return http.post('/login/' + u).url }, [\`home\`] () { return http.get('/').status }, size () { return 1 } }
const dynamic = { ['x' + 1]: () => http.get('/x1').status }
export default function () {
  const out = [actions[LOGIN]('ana'), actions.home(), actions['browse']()]
  for (const name of ['browse', 'size']) out.push(actions[name]())
  const method = 'get'
  out.push(http[method]('/m').status)
  const key = 'x1'
  out.push(dynamic[key]())
  return out
}`)
  assert.deepEqual(value, ['/login/ana', 200, 200, 200, 1, 200, 200])
  assert.deepEqual(log, ['post /login/ana', 'get /', 'get /browse', 'get /browse', 'get /m', 'get /x1'])
})

test('a script without blocking calls is left as is', () => {
  const code = `import { check } from 'k6'\nexport default function () { check(1, { ok: () => true }) }\n`
  const result = transform(code)
  assert.ok(result.ok)
  assert.equal(result.code, code)
  assert.equal(result.changed, false)
})

test('what cannot wait is refused, each with its line: callbacks of other APIs, init context, generators, constructors, getters, check predicates', () => {
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
`)
  assert.deepEqual(found.map((p) => p.split(':')[0]), ['3', '5', '6', '7', '9', '10', '10', '12'])
  assert.match(found[0] ?? '', /init context/)
  assert.match(found[1] ?? '', /passed to \.filter\(\)/)
  assert.match(found[3] ?? '', /check\(\) runs its callbacks synchronously/)
  assert.match(found[4] ?? '', /generator/)
  assert.match(found[5] ?? '', /constructor/)
  assert.match(found[6] ?? '', /getter/)
  assert.match(found[7] ?? '', /"later" blocks .* used as a value \(ArrayExpression\)/)
})
