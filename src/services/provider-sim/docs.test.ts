import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import client from 'prom-client'
import * as errors from './errors.js'
import { ProviderSimMetrics } from './metrics.js'

const doc = readFileSync(new URL('../../../docs/provider-sim.md', import.meta.url), 'utf8')

test('docs/provider-sim.md lists every error code the simulator declares', () => {
  const codes = Object.values(errors).map((e) => e.code)
  assert.ok(codes.length > 0)
  for (const code of codes) assert.ok(doc.includes(`\`${code}\``), `${code} is not documented`)
})

// Its flags and variables: the table is generated from the option table (test/option-docs.test.ts).

test('docs/provider-sim.md lists every metric the simulator adds', async () => {
  const registry = new client.Registry()
  void new ProviderSimMetrics(registry)
  for (const metric of await registry.getMetricsAsJSON()) assert.ok(doc.includes(`\`${metric.name}`), `${metric.name} is not documented`)
})
