/** Default listen addresses of the services. Every one is configurable (flag or env). */
export const DEFAULT_HOST = '127.0.0.1'

export const DEFAULT_PORTS = {
  gateway: 8080,
  engineGrpc: 50051,
  engineAdmin: 8081,
  providerSim: 8090
} as const

/** The ten symbols of the default universe (the seed's). */
export const DEFAULT_SYMBOLS = ['AAPL', 'GOOGL', 'MSFT', 'AMZN', 'TSLA', 'META', 'NVDA', 'JPM', 'JNJ', 'V'] as const

export const VERSION = '0.1.0'
