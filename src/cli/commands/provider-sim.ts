import type { Command } from 'commander'
import { addTableOptions } from '../../services/common/config/index.js'
import { PROVIDER_SIM_OPTIONS, type ProviderSimFlags } from '../../services/provider-sim/cli-options.js'

export function registerProviderSim (program: Command): void {
  const command = program.command('provider-sim')
    .description('Run the provider simulator (Yahoo Finance / NewsAPI stand-in, WebSocket ticks)')
  addTableOptions(command, PROVIDER_SIM_OPTIONS)
  command.action(async (flags: ProviderSimFlags) => {
    // Loaded on use: other subcommands do not pay for the simulator's modules.
    const [{ providerSimOptionsFromCli }, { startProviderSim }, { closeOnSignals }] = await Promise.all([
      import('../../services/provider-sim/cli-options.js'), import('../../services/provider-sim/index.js'), import('../../services/common/shutdown.js')])
    const sim = await startProviderSim(providerSimOptionsFromCli(flags))
    closeOnSignals(sim.close, sim.logger)
  })
}
