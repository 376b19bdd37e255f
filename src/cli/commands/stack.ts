import type { Command } from 'commander'
import { NotImplementedError } from '../not-implemented.js'

/** start, stop, status, wait-ready, health: running the three services together. */
export function registerStack (program: Command): void {
  for (const [name, desc] of [
    ['start', 'Start provider-sim, engine and gateway as separate processes'],
    ['stop', 'Stop the services started with `mib start --detach`'],
    ['status', 'Show which services of the run directory are running'],
    ['wait-ready', 'Wait until every service is healthy'],
    ['health', 'Print each service\'s health; exit non-zero if any is unhealthy']
  ] as const) {
    program.command(name).description(desc).allowUnknownOption().action(() => {
      throw new NotImplementedError(`mib ${name}`)
    })
  }
}
