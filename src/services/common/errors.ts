import { defineError } from '../../errors.js'

// Errors any service's HTTP layer can answer with. Service-specific errors live
// in each service's own errors.ts.
export const NotFoundError = defineError('MIB_ERR_HTTP_NOT_FOUND',
  (method: string, url: string) => `route ${method} ${url} not found`)
export const BodyTooLargeError = defineError('MIB_ERR_HTTP_BODY_TOO_LARGE',
  (limitBytes: number) => `request body is larger than ${limitBytes} bytes`)
export const MalformedJsonError = defineError('MIB_ERR_HTTP_MALFORMED_JSON',
  (detail: string) => `request body is not valid JSON: ${detail}`)
export const UnsupportedMediaTypeError = defineError('MIB_ERR_HTTP_UNSUPPORTED_MEDIA_TYPE',
  (type: string) => `unsupported content-type "${type}"`)
export const ValidationError = defineError('MIB_ERR_HTTP_VALIDATION',
  (detail: string) => detail)
export const ShuttingDownError = defineError('MIB_ERR_HTTP_SHUTTING_DOWN',
  (_retryAfterS: number) => 'the service is shutting down: retry on another instance or after it restarts',
  (retryAfterS) => ({ retryAfterS }))
export const InternalError = defineError('MIB_ERR_INTERNAL',
  () => 'internal server error')
export const WebSocketHandshakeError = defineError('MIB_ERR_HTTP_BAD_WEBSOCKET_HANDSHAKE',
  (detail: string) => `invalid WebSocket handshake: ${detail}`)
export const UpgradeWithBodyError = defineError('MIB_ERR_HTTP_UPGRADE_WITH_BODY',
  (protocol: string) => `a request with a body cannot ask to upgrade (Upgrade: ${protocol}): send it without the Upgrade header`)
export const OverloadedError = defineError('MIB_ERR_HTTP_OVERLOADED',
  (_retryAfterS: number) => 'the service is overloaded and shed this request early: retry after Retry-After seconds',
  (retryAfterS) => ({ retryAfterS }))
export const BadRequestError = defineError('MIB_ERR_HTTP_BAD_REQUEST',
  (detail: string) => `malformed HTTP request: ${detail}`)
export const RequestTimeoutError = defineError('MIB_ERR_HTTP_REQUEST_TIMEOUT',
  (timeoutMs: number) => `the request did not arrive whole within ${timeoutMs} ms`)
export const HeadersTooLargeError = defineError('MIB_ERR_HTTP_HEADERS_TOO_LARGE',
  (limitBytes: number) => `request headers are larger than ${limitBytes} bytes`)
export const MethodNotAllowedError = defineError('MIB_ERR_HTTP_METHOD_NOT_ALLOWED',
  (method: string, url: string, allowed: string) => `${url} does not answer ${method}; it answers ${allowed}`)
