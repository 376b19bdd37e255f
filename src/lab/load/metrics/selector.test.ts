import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseSubmetricSelector, selectorMatches } from './selector.js'

test('selectors parse tags in order, trimming whitespace and unquoting values', () => {
  const cases: ReadonlyArray<readonly [string, string, Record<string, string>]> = [
    ['http_req_duration{name:market_data_fetch}', 'http_req_duration{name:market_data_fetch}', { name: 'market_data_fetch' }],
    ['http_req_duration{status:200}', 'http_req_duration{status:200}', { status: '200' }],
    [' http_req_duration { name : a , status : 200 } ', 'http_req_duration{name:a,status:200}', { name: 'a', status: '200' }],
    ['checks{check:"status is 200, really"}', 'checks{check:"status is 200, really"}', { check: 'status is 200, really' }],
    ["checks{check:'has {braces}'}", 'checks{check:"has {braces}"}', { check: 'has {braces}' }],
    ['group_duration{group:::api::quotes}', 'group_duration{group:::api::quotes}', { group: '::api::quotes' }],
    ['http_reqs{url:http://x:8080/a}', 'http_reqs{url:http://x:8080/a}', { url: 'http://x:8080/a' }],
    ['checks{check:""}', 'checks{check:""}', { check: '' }]
  ]
  for (const [text, key, tags] of cases) {
    const selector = parseSubmetricSelector(text)
    assert.equal(selector.key, key, text)
    assert.deepEqual(Object.fromEntries(selector.keys.map((k, i) => [k, selector.values[i]])), tags, text)
    assert.equal(parseSubmetricSelector(selector.key).key, key, 'the canonical key parses back to itself')
  }
})

test('malformed selectors are rejected with the reason', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['{name:x}', 'no metric name before "{"'],
    ['http_req_duration{name:x', 'missing closing "}"'],
    ['http_req_duration{}', 'no tags between "{" and "}"'],
    ['http_req_duration{name}', '"name" is not a key:value pair'],
    ['http_req_duration{:x}', '":x" has an empty tag key'],
    ['http_req_duration{name:a,name:b}', 'tag "name" is given twice'],
    ['http_req_duration{name:a,,status:1}', 'empty tag between commas'],
    ['http_req_duration{name:"a}', 'unterminated " quote'],
    ['http_req_duration{name:"a"b}', 'value "a"b has text after its closing quote'],
    ['http_req_duration{name:{x}}', 'unexpected "{"']
  ]
  for (const [text, reason] of cases) {
    assert.throws(() => parseSubmetricSelector(text), (err: Error & { code?: string }) => {
      assert.equal(err.code, 'MIB_ERR_LOAD_SUBMETRIC_SELECTOR_INVALID')
      assert.ok(err.message.includes(reason), `${text}: ${err.message}`)
      return true
    })
  }
})

test('a selector matches when every one of its tags equals the sample tag, extra sample tags ignored', () => {
  const selector = parseSubmetricSelector('m{name:a,status:200}')
  assert.equal(selectorMatches(selector, { name: 'a', status: '200', url: 'u' }), true)
  assert.equal(selectorMatches(selector, { name: 'a' }), false)
  assert.equal(selectorMatches(selector, { name: 'a', status: '201' }), false)
})
