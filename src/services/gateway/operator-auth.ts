/**
 * Who may replace an engine source's stored credential. Connecting with an empty
 * `api_key` (what the original clients send) uses the configured credentials and
 * stays open to everyone; a non-empty `api_key` would change what every user's
 * fetches go upstream with (quota theft, or a denial of service by revoking it),
 * so it needs the operator token (MIB_OPERATOR_TOKEN), and is refused (403) when
 * none is configured.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { bearerToken, tokenMatches } from '../common/bearer-token.js'
import { CredentialChangeDisabledError, OperatorUnauthorizedError } from './errors.js'

export function authorizeCredentialChange (request: FastifyRequest, reply: FastifyReply, apiKey: string, operatorToken: string | undefined): void {
  if (apiKey === '') return
  if (operatorToken === undefined) throw new CredentialChangeDisabledError()
  const given = bearerToken(request.headers.authorization)
  if (given === undefined || !tokenMatches(given, operatorToken)) {
    void reply.header('www-authenticate', 'Bearer realm="mib-operator"')
    throw new OperatorUnauthorizedError()
  }
}
