import type { Command } from 'commander'
import { registerProviderSim } from './provider-sim.js'
import { registerEngine } from './engine.js'
import { registerGateway } from './gateway.js'
import { registerStack } from './stack.js'
import { registerLoad } from './load.js'
import { registerProfile } from './profile.js'
import { registerMonitor } from './monitor.js'
import { registerResults } from './results.js'
import { registerPerfTest } from './perf-test.js'

/** Each entry adds one or more subcommands to the program, in the order `--help` lists them. */
export const commands: Array<(program: Command) => void> = [
  registerStack,
  registerProviderSim,
  registerEngine,
  registerGateway,
  registerLoad,
  registerProfile,
  registerMonitor,
  registerResults,
  registerPerfTest
]
