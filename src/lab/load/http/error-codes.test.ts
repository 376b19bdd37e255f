import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MibError } from '../../../errors.js'
import { errorSpec } from '../../../error-registry.js'
import { k6ErrorCode } from './error-codes.js'
import { ConnectTimeoutError, InvalidHeaderError, InvalidMethodError, InvalidUrlError, RequestTimeoutError, ResponseParseError, SocketClosedError } from './transport-errors.js'

test('the transport\'s errors are MibErrors with registered MIB_ERR_LOAD_HTTP_* codes, and keep their k6 error_code', () => {
  const cases: Array<[MibError, number]> = [
    [new RequestTimeoutError('late'), 1050], [new ConnectTimeoutError('slow dial'), 1211], [new SocketClosedError('closed'), 1220],
    [new ResponseParseError('garbage'), 1000], [new InvalidHeaderError('x\n'), 1000], [new InvalidMethodError('G T'), 1000], [new InvalidUrlError('ftp://x'), 1020]
  ]
  for (const [err, k6Code] of cases) {
    assert.ok(err instanceof MibError, err.name)
    assert.match(err.code, /^MIB_ERR_LOAD_HTTP_/)
    assert.ok(errorSpec(err.code) !== undefined, err.code)
    assert.equal(k6ErrorCode(err), k6Code, err.code)
  }
})
