/**
 * GET/PATCH /admin/config — the knobs at run time. PATCH merges; a bad body is
 * a 400 with the common JSON error body (code MIB_ERR_PROVIDER_SIM_KNOBS_INVALID).
 */
import type { FastifyInstance } from 'fastify'
import type { SimContext } from '../context.js'

export function registerAdminRoutes (app: FastifyInstance, ctx: SimContext): void {
  app.get('/admin/config', async () => ctx.knobs())
  app.patch('/admin/config', async (request) => {
    const knobs = ctx.setKnobs(request.body ?? {})
    request.log.info({ knobs }, 'knobs changed')
    return knobs
  })
}
