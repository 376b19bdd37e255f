import type { Command } from 'commander'
import { NotImplementedError } from '../not-implemented.js'

export function registerLoad (program: Command): void {
  program.command('load').description('Run a k6-compatible load test script').allowUnknownOption().action(() => {
    throw new NotImplementedError('mib load')
  })
}
