import type { Command } from 'commander'
import { NotImplementedError } from '../not-implemented.js'

export function registerMonitor (program: Command): void {
  program.command('monitor').description('Sample system and service metrics into CSV files').allowUnknownOption().action(() => {
    throw new NotImplementedError('mib monitor')
  })
}
