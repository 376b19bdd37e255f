import type { Command } from 'commander'
import { NotImplementedError } from '../not-implemented.js'

export function registerProfile (program: Command): void {
  program.command('profile').description('Collect and read pprof profiles of the running services').allowUnknownOption().action(() => {
    throw new NotImplementedError('mib profile')
  })
}
