/**
 * Every error the gateway answers with, declared once. Errors the engine reports
 * (`mib-error-code` trailer, e.g. MIB_ERR_ENGINE_UNKNOWN_SOURCE) are passed through
 * with the engine's code and status; see engine-client/status-mapping.ts.
 */
import { MibError, defineError, statusOf } from '../../errors.js'

// Request validation (400): one code per field, so clients branch on data.
export const InvalidSymbolsError = defineError('MIB_ERR_GATEWAY_INVALID_SYMBOLS',
  (detail: string) => `symbols ${detail}`)
export const InvalidSymbolError = defineError('MIB_ERR_GATEWAY_INVALID_SYMBOL',
  (detail: string) => `symbol ${detail}`)
export const InvalidKeywordsError = defineError('MIB_ERR_GATEWAY_INVALID_KEYWORDS',
  (detail: string) => `keywords ${detail}`)
export const InvalidSourceIdError = defineError('MIB_ERR_GATEWAY_INVALID_SOURCE_ID',
  (detail: string) => `source_id ${detail}`)
export const InvalidLimitError = defineError('MIB_ERR_GATEWAY_INVALID_LIMIT',
  (detail: string) => `limit ${detail}`)
export const InvalidHoursBackError = defineError('MIB_ERR_GATEWAY_INVALID_HOURS_BACK',
  (detail: string) => `hours_back ${detail}`)
export const InvalidApiKeyError = defineError('MIB_ERR_GATEWAY_INVALID_API_KEY',
  (detail: string) => `api_key ${detail}`)
export const InvalidBodyError = defineError('MIB_ERR_GATEWAY_INVALID_BODY',
  (detail: string) => `request body ${detail}`)

/**
 * The engine cannot be reached (connection refused, channel down, no answer
 * before the deadline). 503 with Retry-After: the client should retry later.
 */
export class EngineUnavailableError extends MibError {
  static readonly code = 'MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE'
  static readonly statusCode = statusOf(EngineUnavailableError.code)
  constructor (detail: string, retryAfterS: number, cause?: unknown) {
    super(EngineUnavailableError.code, `core engine unavailable: ${detail}`, EngineUnavailableError.statusCode, { cause, details: { retryAfterS } })
    this.name = EngineUnavailableError.code
  }
}

/** The engine answered with an error it did not classify (no mib-* trailers), or a malformed answer. */
export const EngineFailedError = defineError('MIB_ERR_GATEWAY_ENGINE_FAILED',
  (detail: string) => `core engine failed: ${detail}`)

// WebSocket protocol errors: sent as {"type":"error","error":<code>} frames, the socket stays open.
export const WsInvalidMessageError = defineError('MIB_ERR_GATEWAY_WS_INVALID_MESSAGE',
  (detail: string) => `invalid message: ${detail}`)
export const WsTooManySymbolsError = defineError('MIB_ERR_GATEWAY_WS_TOO_MANY_SYMBOLS',
  (max: number) => `a socket may subscribe to at most ${max} symbols`)
/** A plain HTTP request on the WebSocket route (426, with `Upgrade: websocket`). */
export const WsUpgradeRequiredError = defineError('MIB_ERR_GATEWAY_WS_UPGRADE_REQUIRED',
  (path: string) => `${path} is a WebSocket endpoint: connect with a WebSocket client (Upgrade: websocket)`)

// Operator actions: replacing a source's stored credential (POST /api/v1/data-sources/connect with an api_key).
export const OperatorUnauthorizedError = defineError('MIB_ERR_GATEWAY_OPERATOR_UNAUTHORIZED',
  () => 'replacing a source\'s credential requires Authorization: Bearer <operator token>; connect with an empty api_key to use the configured credentials')
export const CredentialChangeDisabledError = defineError('MIB_ERR_GATEWAY_CREDENTIAL_CHANGE_DISABLED',
  () => 'replacing a source\'s credential is disabled: start the gateway with MIB_OPERATOR_TOKEN set to allow it; connect with an empty api_key to use the configured credentials')
