/** HTTP behaviour from the script's options (k6 names), fixed for the test. */
export interface HttpDefaults {
  userAgent: string
  /** Per-request timeout unless params.timeout says otherwise (k6: 60 s). */
  timeoutMs: number
  discardResponseBodies: boolean
  /** k6's `throw` option: network errors throw instead of returning status 0. */
  throwOnError: boolean
  maxRedirects: number
  /** Close the connection after every request. */
  noConnectionReuse: boolean
  /** Close a VU's connections after every iteration. */
  noVUConnectionReuse: boolean
}

export const DEFAULT_HTTP: HttpDefaults = {
  userAgent: 'mib-load/1.0 (k6-compatible)',
  timeoutMs: 60_000,
  discardResponseBodies: false,
  throwOnError: false,
  maxRedirects: 10,
  noConnectionReuse: false,
  noVUConnectionReuse: false
}
