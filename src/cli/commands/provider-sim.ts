import type { Command } from 'commander'
import type { ProviderSimFlags } from '../../services/provider-sim/cli-options.js'

export function registerProviderSim (program: Command): void {
  program.command('provider-sim')
    .description('Run the provider simulator (Yahoo Finance / NewsAPI stand-in, WebSocket ticks)')
    .option('--host <host>', 'address to bind (env PROVIDER_SIM_HOST; default 127.0.0.1)')
    .option('--port <port>', 'port to bind, 0 = any free (env PROVIDER_SIM_PORT; default 8090)')
    .option('--seed <n>', 'seed of all generated data, 0..4294967295 (env PROVIDER_SIM_SEED; default 42)')
    .option('--symbols <list>', 'comma-separated symbol universe (env PROVIDER_SIM_SYMBOLS; default AAPL,GOOGL,MSFT,AMZN,TSLA,META,NVDA,JPM,JNJ,V)')
    .option('--latency-median-ms <ms>', 'median injected latency of the provider endpoints (env PROVIDER_SIM_LATENCY_MEDIAN_MS; default 0)')
    .option('--latency-p99-ms <ms>', 'p99 injected latency, >= median (env PROVIDER_SIM_LATENCY_P99_MS; default = median)')
    .option('--error-rate <0..1>', 'share of provider calls failed on purpose (env PROVIDER_SIM_ERROR_RATE; default 0)')
    .option('--tick-rate <hz>', 'stream ticks per second per symbol, 0 = paused (env PROVIDER_SIM_TICK_RATE_HZ; default 2)')
    .option('--api-key <key>', 'require this NewsAPI key on /v2/everything (env PROVIDER_SIM_API_KEY; default: any key)')
    .option('--env <env>', 'development | production (env MIB_ENV, NODE_ENV; default development)')
    .option('--profiling', 'production: expose /debug/pprof on the token-protected loopback admin listener')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent')
    .action(async (flags: ProviderSimFlags) => {
      // Loaded on use: other subcommands do not pay for the simulator's modules.
      const [{ providerSimOptionsFromCli }, { startProviderSim }, { closeOnSignals }] = await Promise.all([
        import('../../services/provider-sim/cli-options.js'), import('../../services/provider-sim/index.js'), import('../../services/common/shutdown.js')])
      const sim = await startProviderSim(providerSimOptionsFromCli(flags))
      closeOnSignals(sim.close, sim.logger)
    })
}

