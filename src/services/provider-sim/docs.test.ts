import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { Command } from 'commander'
import client from 'prom-client'
import { registerProviderSim } from '../../cli/commands/provider-sim.js'
import * as errors from './errors.js'
import { ProviderSimMetrics } from './metrics.js'

const doc = readFileSync(new URL('../../../docs/provider-sim.md', import.meta.url), 'utf8')

test('docs/provider-sim.md lists every error code the simulator declares', () => {
  const codes = Object.values(errors).map((e) => e.code)
  assert.ok(codes.length > 0)
  for (const code of codes) assert.ok(doc.includes(`\`${code}\``), `${code} is not documented`)
})

test('docs/provider-sim.md lists every flag of mib provider-sim', () => {
  const program = new Command()
  registerProviderSim(program)
  const command = program.commands.find((c) => c.name() === 'provider-sim')
  assert.ok(command !== undefined)
  for (const option of command.options) assert.ok(doc.includes(`\`${option.long ?? ''}`), `${option.long} is not documented`)
})

test('docs/provider-sim.md lists every environment variable the simulator reads', () => {
  const source = readFileSync(new URL('./options.ts', import.meta.url), 'utf8')
  const names = [...new Set(source.match(/PROVIDER_SIM_[A-Z0-9_]+/g) ?? [])]
  assert.ok(names.length >= 8)
  for (const name of names) assert.ok(doc.includes(`\`${name}\``), `${name} is not documented`)
})

test('docs/provider-sim.md lists every metric the simulator adds', async () => {
  const registry = new client.Registry()
  void new ProviderSimMetrics(registry)
  for (const metric of await registry.getMetricsAsJSON()) assert.ok(doc.includes(`\`${metric.name}`), `${metric.name} is not documented`)
})
