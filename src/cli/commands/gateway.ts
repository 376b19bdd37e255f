import type { Command } from 'commander'
import { addTableOptions } from '../../services/common/config/index.js'
import { GATEWAY_OPTIONS, type GatewayFlags } from '../../services/gateway/cli-options.js'

export function registerGateway (program: Command): void {
  const command = program.command('gateway')
    .description('Run the API gateway (REST + WebSocket in front of the engine)')
  addTableOptions(command, GATEWAY_OPTIONS)
  command.action(async (flags: GatewayFlags) => {
    // Loaded on use: other subcommands do not pay for the gateway's modules.
    const [{ gatewayOptionsFromCli }, { startGateway }, { closeOnSignals }] = await Promise.all([
      import('../../services/gateway/cli-options.js'), import('../../services/gateway/index.js'), import('../../services/common/shutdown.js')])
    const gateway = await startGateway(gatewayOptionsFromCli(flags))
    closeOnSignals(gateway.close, gateway.logger, gateway.options.shutdownTimeoutMs + 5_000)
  })
}
