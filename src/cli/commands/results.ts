import type { Command } from 'commander'
import { NotImplementedError } from '../not-implemented.js'

export function registerResults (program: Command): void {
  program.command('results').description('List and analyze the runs under results/').allowUnknownOption().action(() => {
    throw new NotImplementedError('mib results')
  })
}
