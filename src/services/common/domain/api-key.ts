/**
 * What a provider API key may be, once for the gateway and the engine: it
 * travels in a request header (X-Api-Key), so printable ASCII without spaces.
 * Empty means "keep the configured key" and is not a key.
 */

export const API_KEY_MAX_CHARS = 256

const API_KEY_BODY = `[\\x21-\\x7e]{1,${API_KEY_MAX_CHARS}}`

/** A key, as a pattern string (a JSON schema's `pattern`; the same without and with the u flag). */
export const API_KEY_PATTERN = `^${API_KEY_BODY}$`

/** A key or empty: the form of the optional `api_key` field. */
export const OPTIONAL_API_KEY_PATTERN = `^(${API_KEY_BODY})?$`

/** The rule in words, for error messages and docs. */
export const API_KEY_RULE = `1-${API_KEY_MAX_CHARS} printable ASCII characters without spaces`
