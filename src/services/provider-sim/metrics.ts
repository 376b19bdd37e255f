/**
 * The simulator's own Prometheus series, registered next to the common HTTP and
 * runtime ones (ServiceMetrics) so /metrics shows both.
 */
import client from 'prom-client'
import type { ProviderSimKnobs } from './knobs.js'

export type ProviderApi = 'yahoo_quote' | 'newsapi_everything'

export class ProviderSimMetrics {
  readonly wsClients: client.Gauge
  readonly ticksSent: client.Counter<'type'>
  readonly ticksDropped: client.Counter
  readonly slowConsumerCloses: client.Counter
  readonly marketSteps: client.Counter
  readonly injectedErrors: client.Counter<'api' | 'status'>
  readonly injectedDelay: client.Histogram<'api'>
  readonly newsArticles: client.Gauge
  readonly knob: client.Gauge<'knob'>

  constructor (registry: client.Registry) {
    const registers = [registry]
    this.wsClients = new client.Gauge({ name: 'provider_sim_ws_clients', help: 'WebSocket stream clients connected', registers })
    this.ticksSent = new client.Counter({ name: 'provider_sim_ticks_sent_total', help: 'Tick frames sent to stream clients, by type (trade, quote)', labelNames: ['type'], registers })
    this.ticksDropped = new client.Counter({ name: 'provider_sim_ticks_dropped_total', help: 'Tick frames not sent because the client had too much unsent data buffered', registers })
    this.slowConsumerCloses = new client.Counter({ name: 'provider_sim_ws_slow_consumer_closes_total', help: 'Stream clients closed with 1013 for not keeping up', registers })
    this.marketSteps = new client.Counter({ name: 'provider_sim_market_steps_total', help: 'Market steps simulated (each moves every symbol once)', registers })
    this.injectedErrors = new client.Counter({ name: 'provider_sim_injected_errors_total', help: 'Provider calls failed on purpose (error-rate knob), by API and status', labelNames: ['api', 'status'], registers })
    this.injectedDelay = new client.Histogram({
      name: 'provider_sim_injected_delay_seconds',
      help: 'Delay added to provider calls on purpose (latency knobs), in seconds',
      labelNames: ['api'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers
    })
    this.newsArticles = new client.Gauge({ name: 'provider_sim_news_articles', help: 'News articles held in the bounded history', registers })
    this.knob = new client.Gauge({ name: 'provider_sim_knob', help: 'Current value of each knob (latencyMedianMs, latencyP99Ms, errorRate, tickRateHz)', labelNames: ['knob'], registers })
  }

  showKnobs (knobs: ProviderSimKnobs): void {
    for (const [name, value] of Object.entries(knobs)) this.knob.set({ knob: name }, value)
  }
}
