import type { Command } from 'commander'
import { addTableOptions } from '../../services/common/config/index.js'
import { ENGINE_OPTIONS, type EngineFlags } from '../../services/engine/cli-options.js'

export function registerEngine (program: Command): void {
  const command = program.command('engine')
    .description('Run the core engine (gRPC service with ingestion, buffers and statistics)')
  addTableOptions(command, ENGINE_OPTIONS)
  command.action(async (flags: EngineFlags) => {
    // Loaded on use: other subcommands do not pay for the engine's modules.
    const [{ engineOptionsFromCli, startEngine }, { closeOnSignals }] = await Promise.all([
      import('../../services/engine/index.js'), import('../../services/common/shutdown.js')])
    const engine = await startEngine(engineOptionsFromCli(flags))
    closeOnSignals(engine.close, engine.logger)
  })
}
