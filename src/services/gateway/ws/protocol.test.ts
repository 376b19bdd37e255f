import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MibError } from '../../../errors.js'
import { parseClientMessage } from './protocol.js'

test('subscribe and unsubscribe carry upper-cased symbols; ping needs nothing else', () => {
  assert.deepEqual(parseClientMessage('{"action":"subscribe","symbols":["aapl","MSFT","*"]}'), { action: 'subscribe', symbols: ['AAPL', 'MSFT', '*'] })
  assert.deepEqual(parseClientMessage('{"action":"unsubscribe","symbols":["AAPL"]}'), { action: 'unsubscribe', symbols: ['AAPL'] })
  assert.deepEqual(parseClientMessage('{"action":"ping"}'), { action: 'ping' })
  assert.deepEqual(parseClientMessage('{"type":"ping"}'), { action: 'ping' }, '`type` is a synonym of `action`')
})

test('bad client messages are rejected with MIB_ERR_GATEWAY_WS_INVALID_MESSAGE and say what is wrong', () => {
  const cases: Array<[string, RegExp]> = [
    ['not json', /not valid JSON/],
    ['[1,2]', /JSON object/],
    ['null', /JSON object/],
    ['{"action":"dance"}', /action must be/],
    ['{}', /action must be/],
    ['{"action":"subscribe"}', /needs a non-empty "symbols"/],
    ['{"action":"subscribe","symbols":[]}', /symbols/],
    ['{"action":"subscribe","symbols":["AA PL"]}', /ticker symbol/],
    ['{"action":"subscribe","symbols":"AAPL"}', /symbols/]
  ]
  for (const [text, message] of cases) {
    assert.throws(() => parseClientMessage(text), (err: unknown) => {
      assert.ok(err instanceof MibError)
      assert.equal(err.code, 'MIB_ERR_GATEWAY_WS_INVALID_MESSAGE', text)
      assert.match(err.message, message, text)
      return true
    })
  }
})
