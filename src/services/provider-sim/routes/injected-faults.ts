/**
 * The latency and error knobs, applied in front of a provider endpoint. The
 * failure body is the provider's own error shape, so a client's error handling
 * is exercised exactly as the real upstream would exercise it.
 */
import type { FastifyReply } from 'fastify'
import { delay, type InjectedStatus } from '../faults.js'
import type { ProviderApi } from '../metrics.js'
import type { SimContext } from '../context.js'

/** Seconds a 429 asks the client to wait (Retry-After). */
const RETRY_AFTER_S = 1

export type ErrorBodyFor = (status: InjectedStatus) => unknown

/**
 * Waits the sampled delay, then answers with an injected failure when one is
 * due. Returns true when the reply was sent (the handler must stop).
 */
export async function applyInjectedFaults (ctx: SimContext, api: ProviderApi, reply: FastifyReply, bodyFor: ErrorBodyFor): Promise<boolean> {
  const plan = ctx.faults.plan()
  if (plan.delayMs > 0) {
    ctx.metrics.injectedDelay.observe({ api }, plan.delayMs / 1000)
    await delay(plan.delayMs, ctx.shutdown)
  }
  if (plan.failWith === undefined) return false
  ctx.metrics.injectedErrors.inc({ api, status: String(plan.failWith) })
  // Marks the failure as simulated, for whoever reads a capture of the traffic.
  void reply.header('x-mib-injected-fault', String(plan.failWith))
  if (plan.failWith === 429) void reply.header('retry-after', String(RETRY_AFTER_S))
  await reply.code(plan.failWith).send(bodyFor(plan.failWith))
  return true
}
