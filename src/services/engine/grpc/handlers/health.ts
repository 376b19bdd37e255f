import type { CoreEngineServiceHandlers } from '../../../common/contract/index.js'
import type { EngineContext } from '../../context.js'
import { healthReport, ingestionStatsReport } from '../../reports.js'
import { unary } from '../unary.js'

export function healthAndStatsHandlers (ctx: EngineContext): Pick<CoreEngineServiceHandlers, 'HealthCheck' | 'GetIngestionStats'> {
  return {
    HealthCheck: unary('HealthCheck', ctx, () => healthReport(ctx)),
    GetIngestionStats: unary('GetIngestionStats', ctx, () => ({ success: true, message: 'ok', stats: ingestionStatsReport(ctx) }))
  }
}
