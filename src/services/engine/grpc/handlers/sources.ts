import type { CoreEngineServiceHandlers } from '../../../common/contract/index.js'
import type { EngineContext } from '../../context.js'
import { SourceIdRequiredError } from '../../errors.js'
import { optionalApiKey } from '../../validation.js'
import { unary } from '../unary.js'

export function sourceHandlers (ctx: EngineContext): Pick<CoreEngineServiceHandlers, 'ConnectDataSource'> {
  return {
    // 10% of the load test's traffic: an already-connected source answers from memory.
    ConnectDataSource: unary('ConnectDataSource', ctx, async (request) => {
      if (request.source_id === '') throw new SourceIdRequiredError(ctx.registry.ids)
      const apiKey = optionalApiKey(request.api_key)
      const result = await ctx.registry.connect(request.source_id, apiKey)
      return { success: true, message: result.message, connected: true, source_id: request.source_id, already_connected: !result.changed }
    })
  }
}
