import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { MetricType } from '../metrics/index.js'
import { compare, parseExpression, parseExpressionAnyType } from './expression.js'

const VALID: ReadonlyArray<readonly [string, MetricType, string, string, number]> = [
  ['p(95)<500', 'trend', 'p(95)', '<', 500],
  ['p(99.9)<=1000', 'trend', 'p(99.9)', '<=', 1000],
  ['  p( 99 ) <  250.5 ', 'trend', 'p(99)', '<', 250.5],
  ['p(0)>=0', 'trend', 'p(0)', '>=', 0],
  ['p(100)<1e3', 'trend', 'p(100)', '<', 1000],
  ['avg<200', 'trend', 'avg', '<', 200],
  ['med < 150', 'trend', 'med', '<', 150],
  ['min>0', 'trend', 'min', '>', 0],
  ['max != 0', 'trend', 'max', '!=', 0],
  ['count>100', 'trend', 'count', '>', 100],
  ['rate<0.01', 'rate', 'rate', '<', 0.01],
  ['rate>=.95', 'rate', 'rate', '>=', 0.95],
  ['passes > 10', 'rate', 'passes', '>', 10],
  ['count>100', 'counter', 'count', '>', 100],
  ['rate>50', 'counter', 'rate', '>', 50],
  ['value==10', 'gauge', 'value', '==', 10],
  ['value===10', 'gauge', 'value', '==', 10],
  ['max<=200', 'gauge', 'max', '<=', 200],
  ['value>-1', 'gauge', 'value', '>', -1]
]

test('valid k6 threshold expressions parse to aggregation, operator and target', () => {
  for (const [source, type, aggregation, operator, target] of VALID) {
    const parsed = parseExpression(source, type)
    assert.deepEqual(parsed, { ok: true, expression: { aggregation, operator, target } }, source)
  }
})

const INVALID: ReadonlyArray<readonly [string, MetricType, string]> = [
  ['p95<500', 'trend', '"p95<500" is not a threshold expression: expected <aggregation> <operator> <number>, e.g. "p(95)<500" (operators: < <= > >= == !=) (write percentiles as p(N): "p(95)<500")'],
  ['', 'trend', '"" is not a threshold expression'],
  ['p(95)', 'trend', '"p(95)" is not a threshold expression'],
  ['p(95)<', 'trend', '"p(95)<": "" is not a number'],
  ['p(95)<abc', 'trend', '"p(95)<abc": "abc" is not a number'],
  ['p(95)<500ms', 'trend', '"p(95)<500ms": "500ms" is not a number'],
  ['p(95)=<500', 'trend', '"p(95)=<500" is not a threshold expression'],
  ['p(95)=500', 'trend', '"p(95)=500" is not a threshold expression'],
  ['p(101)<5', 'trend', '"p(101)<5": p(101) is not a percentile; use p(N) with 0 <= N <= 100, e.g. p(99.9)'],
  ['p()<5', 'trend', '"p()<5": p() is not a percentile'],
  ['p(x)<5', 'trend', '"p(x)<5": p(x) is not a percentile'],
  ['p(95)<0.01', 'rate', '"p(95)<0.01": a rate metric has no aggregation "p(95)" (it has: rate, passes, fails)'],
  ['avg<5', 'counter', '"avg<5": a counter metric has no aggregation "avg" (it has: count, rate)'],
  ['rate<5', 'trend', '"rate<5": a trend metric has no aggregation "rate" (it has: avg, min, med, max, count, p(N))'],
  ['count>1', 'gauge', '"count>1": a gauge metric has no aggregation "count" (it has: value, min, max)'],
  ['avg(3)<5', 'trend', '"avg(3)<5": a trend metric has no aggregation "avg(3)"'],
  ['mean<5', 'trend', 'a trend metric has no aggregation "mean"'],
  ['p(95)<500 && avg<100', 'trend', '"500 && avg<100" is not a number']
]

test('invalid expressions are rejected with a sentence that quotes the offending text', () => {
  for (const [source, type, message] of INVALID) {
    const parsed = parseExpression(source, type)
    assert.equal(parsed.ok, false, source)
    if (!parsed.ok) assert.ok(parsed.problem.includes(message), `${source}\n  got:      ${parsed.problem}\n  expected: ${message}`)
  }
})

test('every operator compares as written', () => {
  assert.deepEqual(
    (['<', '<=', '>', '>=', '==', '!='] as const).map((op) => [compare(1, op, 2), compare(2, op, 2), compare(3, op, 2)]),
    [[true, false, false], [true, true, false], [false, false, true], [false, true, true], [false, true, false], [true, false, true]]
  )
})

test('parseExpressionAnyType (for results files, where the type may be unknown) is the same grammar without the type check', () => {
  for (const [source, , aggregation, operator, target] of VALID) {
    assert.deepEqual(parseExpressionAnyType(source), { ok: true, expression: { aggregation, operator, target } }, source)
  }
  for (const source of ['p95<500', 'p(101)<5', 'mean<5', 'avg(3)<5', 'p(95)<500ms']) {
    const parsed = parseExpressionAnyType(source)
    assert.equal(parsed.ok, false, source)
  }
  assert.deepEqual(parseExpressionAnyType('mean<5'), { ok: false, problem: '"mean<5": no metric type has an aggregation "mean"' })
})
