import type { Command } from 'commander'
import { NotImplementedError } from '../not-implemented.js'

export function registerProviderSim (program: Command): void {
  program.command('provider-sim').description('Run the provider simulator (Yahoo Finance / NewsAPI stand-in, WebSocket ticks)').allowUnknownOption().action(() => {
    throw new NotImplementedError('mib provider-sim')
  })
}
