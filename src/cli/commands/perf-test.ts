import type { Command } from 'commander'
import { NotImplementedError } from '../not-implemented.js'

export function registerPerfTest (program: Command): void {
  program.command('perf-test').description('Run the whole performance workflow and print the verdict').allowUnknownOption().action(() => {
    throw new NotImplementedError('mib perf-test')
  })
}
