import type { Command } from 'commander'
import { NotImplementedError } from '../not-implemented.js'

export function registerEngine (program: Command): void {
  program.command('engine').description('Run the core engine (gRPC service with ingestion, buffers and statistics)').allowUnknownOption().action(() => {
    throw new NotImplementedError('mib engine')
  })
}
