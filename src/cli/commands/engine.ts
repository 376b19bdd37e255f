import type { Command } from 'commander'
import type { EngineFlags } from '../../services/engine/index.js'

export function registerEngine (program: Command): void {
  program.command('engine')
    .description('Run the core engine (gRPC service with ingestion, buffers and statistics)')
    .option('--host <host>', 'address of the gRPC and admin listeners (env ENGINE_HOST; default 127.0.0.1)')
    .option('--grpc-port <port>', 'gRPC port, 0 = any free (env ENGINE_GRPC_PORT; default 50051)')
    .option('--admin-port <port>', 'admin HTTP port for /health, /stats, /metrics (env ENGINE_ADMIN_PORT; default 8081)')
    .option('--provider-url <url>', 'base URL of the provider; default of every source below (env PROVIDER_URL; default http://127.0.0.1:8090)')
    .option('--yahoo-url <url>', 'Yahoo Finance quote API base URL (env YAHOO_FINANCE_BASE_URL; default --provider-url)')
    .option('--news-url <url>', 'NewsAPI base URL (env NEWS_API_BASE_URL; default --provider-url)')
    .option('--news-api-key <key>', 'NewsAPI key, sent as X-Api-Key (env NEWS_API_KEY)')
    .option('--stream-url <url>', 'tick stream WebSocket URL (env TICK_STREAM_URL; default ws://<provider>/v1/stream)')
    .option('--symbols <list>', 'comma-separated symbols to stream, or * for all (env ENGINE_SYMBOLS; default the 10 default symbols)')
    .option('--buffer-size <n>', 'ticks kept per symbol (env ENGINE_BUFFER_SIZE; default 1000)')
    .option('--news-buffer-size <n>', 'news items kept (env ENGINE_NEWS_BUFFER_SIZE; default 10000)')
    .option('--max-symbols <n>', 'symbols buffered at most (env ENGINE_MAX_SYMBOLS; default 500)')
    .option('--quote-cache-ms <ms>', 'how long a fetched quote is reused, 0 = off (env ENGINE_QUOTE_CACHE_MS; default 250)')
    .option('--env <env>', 'development | production (env MIB_ENV, NODE_ENV; default development)')
    .option('--profiling', 'production: expose /debug/pprof on the token-protected loopback admin listener')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent (env LOG_LEVEL)')
    .action(async (flags: EngineFlags) => {
      // Loaded on use: other subcommands do not pay for the engine's modules.
      const [{ engineOptionsFromCli, startEngine }, { closeOnSignals }] = await Promise.all([
        import('../../services/engine/index.js'), import('../../services/common/shutdown.js')])
      const engine = await startEngine(engineOptionsFromCli(flags))
      closeOnSignals(engine.close, engine.logger)
    })
}
