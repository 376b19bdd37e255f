/**
 * What anonymous API clients see of the engine's IngestionStats: everything but
 * the upstream base URLs (internal addresses, issue 11). Operators read them on
 * the engine's own admin /stats.
 */
import type { IngestionStats__Output } from '../common/contract/index.js'

export function publicStats (stats: IngestionStats__Output): IngestionStats__Output {
  const dataSources = Object.fromEntries(Object.entries(stats.data_sources ?? {}).map(([id, info]) => {
    const { base_url: _internal, ...rest } = info
    return [id, rest]
  }))
  return { ...stats, data_sources: dataSources as IngestionStats__Output['data_sources'] }
}
