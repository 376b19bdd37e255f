import type { Command } from 'commander'
import { NotImplementedError } from '../not-implemented.js'

export function registerGateway (program: Command): void {
  program.command('gateway').description('Run the API gateway (REST + WebSocket in front of the engine)').allowUnknownOption().action(() => {
    throw new NotImplementedError('mib gateway')
  })
}
