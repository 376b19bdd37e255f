/**
 * Every error code of the project, once: its HTTP status (for errors that can
 * reach an API client; the others keep one for `toJSON`), the exit code `mib`
 * ends with when the error reaches the command line, and a one-line meaning.
 *
 * Error classes take their status and exit code from here (`defineError` in
 * errors.ts), so a code cannot be thrown unregistered (a type error) and its
 * status cannot disagree with the table. The README's error and exit-code
 * tables are generated from this module (`node --import tsx scripts/error-codes.ts`);
 * src/error-registry.test.ts checks that every error class of src/ is here and
 * that every code sits in its area's prefix; test/docs.test.ts that the README is current.
 *
 * Adding an error: add its row here, then `defineError('MIB_ERR_…', message)`
 * in the component's errors.ts, then `node --import tsx scripts/error-codes.ts`.
 */
import { EXIT, type ExitCode } from './exit-codes.js'

/** One prefix per area: a code is `MIB_ERR_<AREA>` or `MIB_ERR_<AREA>_<WHAT>`. */
export const ERROR_AREAS = {
  HTTP: 'every service\'s HTTP layer (src/services/common)',
  INTERNAL: 'every service: an unexpected failure, logged with its stack',
  GATEWAY: 'the API gateway (src/services/gateway)',
  ENGINE: 'the core engine (src/services/engine), passed through by the gateway',
  PROVIDER_SIM: 'the provider simulator\'s own API (src/services/provider-sim)',
  PROFILING: 'the services\' /debug/pprof endpoints and `mib profile` (src/services/common/profiling, src/lab/profiling)',
  OPTIONS: 'options and flags of every command, validated before anything starts (src/options.ts)',
  RUN_DIR: 'the run directory of `mib start --detach` (src/run-dir.ts)',
  LOAD: 'the load runner, `mib load` (src/lab/load)',
  REPORT: 'results and reports, `mib results` (src/lab/report)',
  DASHBOARD: 'the live dashboard (src/lab/report/dashboard)',
  MONITOR: '`mib monitor` (src/lab/monitor)',
  CHAOS: 'chaos plans of `mib perf-test --chaos` (src/workflow/chaos)',
  STACK: 'starting and supervising the services, `mib start` (src/workflow/stack)'
} as const

export type ErrorArea = keyof typeof ERROR_AREAS

export interface ErrorSpec {
  /** The HTTP status an API client sees; absent for errors that are never an HTTP answer. */
  readonly status?: number
  /** The exit code of `mib` when this error ends a command; 1 (EXIT.GENERIC_ERROR) when absent. */
  readonly exit?: ExitCode
  /** What went wrong, in one line (the README's "meaning" column). */
  readonly meaning: string
}

export const ERROR_REGISTRY = {
  // Every service's HTTP layer.
  MIB_ERR_HTTP_BAD_REQUEST: { status: 400, meaning: 'malformed HTTP request (refused by Node\'s parser or the router, e.g. a bad %-encoding or Content-Length)' },
  MIB_ERR_HTTP_BAD_WEBSOCKET_HANDSHAKE: { status: 400, meaning: 'invalid WebSocket handshake' },
  MIB_ERR_HTTP_BODY_TOO_LARGE: { status: 413, meaning: 'the request body is over the service\'s body limit' },
  MIB_ERR_HTTP_HEADERS_TOO_LARGE: { status: 431, meaning: 'the request headers are over the service\'s header limit' },
  MIB_ERR_HTTP_MALFORMED_JSON: { status: 400, meaning: 'the request body is not valid JSON (or is empty)' },
  MIB_ERR_HTTP_METHOD_NOT_ALLOWED: { status: 405, meaning: 'the route exists but not for this method (`Allow` lists the methods)' },
  MIB_ERR_HTTP_NOT_FOUND: { status: 404, meaning: 'no such route' },
  MIB_ERR_HTTP_OVERLOADED: { status: 503, meaning: 'the service shed the request early under overload; retry after `Retry-After` seconds' },
  MIB_ERR_HTTP_REQUEST_TIMEOUT: { status: 408, meaning: 'the request did not arrive whole in time' },
  MIB_ERR_HTTP_SHUTTING_DOWN: { status: 503, meaning: 'the service is shutting down; retry elsewhere or after it restarts (`Retry-After`)' },
  MIB_ERR_HTTP_UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'the request\'s content-type is not accepted' },
  MIB_ERR_HTTP_UPGRADE_WITH_BODY: { status: 400, meaning: 'a request with a body asked to upgrade the connection' },
  MIB_ERR_HTTP_VALIDATION: { status: 400, meaning: 'the request failed the route\'s schema' },
  MIB_ERR_INTERNAL: { status: 500, meaning: 'an unexpected failure in the service (a bug; logged with its stack)' },

  // The API gateway.
  MIB_ERR_GATEWAY_CREDENTIAL_CHANGE_DISABLED: { status: 403, meaning: 'replacing a source\'s credential is disabled (no MIB_OPERATOR_TOKEN)' },
  MIB_ERR_GATEWAY_ENGINE_FAILED: { status: 502, meaning: 'the engine answered with an unclassified error or a malformed answer' },
  MIB_ERR_GATEWAY_ENGINE_UNAVAILABLE: { status: 503, meaning: 'the engine cannot be reached in time; retry after `Retry-After` seconds' },
  MIB_ERR_GATEWAY_INVALID_API_KEY: { status: 400, meaning: '`api_key` is malformed' },
  MIB_ERR_GATEWAY_INVALID_BODY: { status: 400, meaning: 'the request body is not the expected object' },
  MIB_ERR_GATEWAY_INVALID_HOURS_BACK: { status: 400, meaning: '`hours_back` is not a valid number of hours' },
  MIB_ERR_GATEWAY_INVALID_KEYWORDS: { status: 400, meaning: '`keywords` is missing, too long or malformed' },
  MIB_ERR_GATEWAY_INVALID_LIMIT: { status: 400, meaning: '`limit` is not a valid count' },
  MIB_ERR_GATEWAY_INVALID_SOURCE_ID: { status: 400, meaning: '`source_id` is malformed' },
  MIB_ERR_GATEWAY_INVALID_SYMBOL: { status: 400, meaning: 'the path\'s symbol is malformed' },
  MIB_ERR_GATEWAY_INVALID_SYMBOLS: { status: 400, meaning: '`symbols` is missing, too long or holds a malformed symbol' },
  MIB_ERR_GATEWAY_OPERATOR_UNAUTHORIZED: { status: 401, meaning: 'replacing a source\'s credential needs the operator bearer token' },
  MIB_ERR_GATEWAY_WS_INVALID_MESSAGE: { status: 400, meaning: 'a WebSocket message is not a valid subscribe/unsubscribe frame (the socket stays open)' },
  MIB_ERR_GATEWAY_WS_TOO_MANY_SYMBOLS: { status: 400, meaning: 'a WebSocket subscription is over the per-socket symbol limit' },
  MIB_ERR_GATEWAY_WS_UPGRADE_REQUIRED: { status: 426, meaning: 'a plain HTTP request on the WebSocket route' },

  // The core engine.
  MIB_ERR_ENGINE_CIRCUIT_OPEN: { status: 503, meaning: 'the source\'s circuit breaker is open after repeated failures: failing fast' },
  MIB_ERR_ENGINE_INVALID_API_KEY: { status: 400, meaning: '`api_key` is not 1-256 printable ASCII characters without spaces' },
  MIB_ERR_ENGINE_INVALID_HOURS_BACK: { status: 400, meaning: '`hours_back` is out of range' },
  MIB_ERR_ENGINE_INVALID_KEYWORD: { status: 400, meaning: 'a keyword is empty, too long or has no letter or digit' },
  MIB_ERR_ENGINE_INVALID_LIMIT: { status: 400, meaning: '`limit` is out of range' },
  MIB_ERR_ENGINE_INVALID_SYMBOL: { status: 400, meaning: 'a symbol does not match the symbol pattern' },
  MIB_ERR_ENGINE_KEYWORDS_REQUIRED: { status: 400, meaning: 'no keyword given' },
  MIB_ERR_ENGINE_NEWS_QUERY_TOO_LONG: { status: 400, meaning: 'the keywords make a news query longer than the provider takes' },
  MIB_ERR_ENGINE_SHUTTING_DOWN: { status: 503, meaning: 'the engine is shutting down' },
  MIB_ERR_ENGINE_SOURCE_DISABLED: { status: 409, meaning: 'the source is disabled in the engine\'s configuration' },
  MIB_ERR_ENGINE_SOURCE_ID_REQUIRED: { status: 400, meaning: '`source_id` is required' },
  MIB_ERR_ENGINE_SYMBOLS_REQUIRED: { status: 400, meaning: 'no symbol given' },
  MIB_ERR_ENGINE_SYMBOL_NOT_FOUND: { status: 404, meaning: 'the provider has no quote for the symbol(s)' },
  MIB_ERR_ENGINE_TOO_MANY_KEYWORDS: { status: 400, meaning: 'more keywords than allowed' },
  MIB_ERR_ENGINE_TOO_MANY_SUBSCRIBERS: { status: 503, meaning: 'the engine already serves its maximum of market-data streams' },
  MIB_ERR_ENGINE_TOO_MANY_SYMBOLS: { status: 400, meaning: 'more symbols than allowed' },
  MIB_ERR_ENGINE_UNKNOWN_SOURCE: { status: 400, meaning: 'no source with this `source_id`' },
  MIB_ERR_ENGINE_UPSTREAM_AUTH: { status: 502, meaning: 'the provider rejected the engine\'s credentials' },
  MIB_ERR_ENGINE_UPSTREAM_FAILED: { status: 502, meaning: 'the provider refused the request (an unexpected 4xx)' },
  MIB_ERR_ENGINE_UPSTREAM_MALFORMED: { status: 502, meaning: 'the provider answered with an unexpected body' },
  MIB_ERR_ENGINE_UPSTREAM_RATE_LIMITED: { status: 503, meaning: 'the provider is rate limiting the engine' },
  MIB_ERR_ENGINE_UPSTREAM_TIMEOUT: { status: 503, meaning: 'the provider did not answer in time (transient: 503 with Retry-After)' },
  MIB_ERR_ENGINE_UPSTREAM_UNAVAILABLE: { status: 503, meaning: 'the provider is unavailable (unreachable, or 5xx after retries)' },
  MIB_ERR_ENGINE_WRONG_SOURCE_TYPE: { status: 400, meaning: 'the source does not serve this kind of data (quotes vs news)' },

  // The provider simulator's own API.
  MIB_ERR_PROVIDER_SIM_KNOBS_INVALID: { status: 400, meaning: 'invalid knobs on the simulator\'s admin endpoint' },
  MIB_ERR_PROVIDER_SIM_NEWS_PARAMETERS_MISSING: { status: 400, meaning: 'simulated NewsAPI: required parameters missing (answered in NewsAPI\'s shape)' },
  MIB_ERR_PROVIDER_SIM_NEWS_PARAMETER_INVALID: { status: 400, meaning: 'simulated NewsAPI: a parameter is invalid (answered in NewsAPI\'s shape)' },
  MIB_ERR_PROVIDER_SIM_UPGRADE_REQUIRED: { status: 426, meaning: 'a plain HTTP request on the simulator\'s WebSocket endpoint' },

  // Profiling: the services' endpoints, then `mib profile`.
  MIB_ERR_PROFILING_ADMIN_NOT_LOOPBACK: { status: 400, meaning: 'the profiling admin listener may bind to loopback only' },
  MIB_ERR_PROFILING_BAD_PARAM: { status: 400, meaning: 'a profiling query parameter is invalid' },
  MIB_ERR_PROFILING_BAD_SECONDS: { status: 400, meaning: '`seconds` is not a number in range' },
  MIB_ERR_PROFILING_BUSY: { status: 409, meaning: 'a profile of this kind is already being collected in the process' },
  MIB_ERR_PROFILING_NO_MUTEX: { status: 501, meaning: 'Node has no mutexes to profile (see /debug/pprof/block)' },
  MIB_ERR_PROFILING_UNAUTHORIZED: { status: 401, meaning: 'profiling needs the service\'s profiling bearer token' },
  MIB_ERR_PROFILING_UNAVAILABLE: { status: 503, meaning: 'this profiler is unavailable in the process' },
  MIB_ERR_PROFILING_COLLECT_FAILED: { status: 502, meaning: '`mib profile`: a service refused, failed or could not be reached' },
  MIB_ERR_PROFILING_DECODE: { status: 400, meaning: '`mib profile top|flame|diff`: the file is not a pprof profile' },
  MIB_ERR_PROFILING_MISMATCH: { status: 400, meaning: '`mib profile diff`: the two profiles have different sample types' },
  MIB_ERR_PROFILING_NO_TARGETS: { status: 404, meaning: '`mib profile`: no recorded service exposes profiling' },
  MIB_ERR_PROFILING_SAMPLE_INDEX: { status: 400, meaning: '`--sample-index` names no sample type of the profile' },
  MIB_ERR_PROFILING_UNKNOWN_SERVICE: { status: 400, meaning: '`mib profile --service` is neither a service name nor a URL' },

  // Options of every command and service.
  MIB_ERR_OPTIONS_INVALID: { status: 400, exit: EXIT.INVALID_CONFIG, meaning: 'invalid options or flags; every problem is listed, naming the flag' },

  // The run directory.
  MIB_ERR_RUN_DIR_CORRUPT: { status: 500, meaning: 'the run directory\'s services.json is not a valid run state' },
  MIB_ERR_RUN_DIR_MISSING: { status: 404, meaning: 'no services recorded (start them with `mib start --detach`)' },

  // The load runner.
  MIB_ERR_LOAD_API_OUTSIDE_VU: { status: 500, meaning: 'a k6 API that needs a running test was called at module load time' },
  MIB_ERR_LOAD_FAIL: { status: 500, meaning: 'the script called `fail()`: the iteration ends (counted as an iteration error)' },
  MIB_ERR_LOAD_HANDLE_SUMMARY: { status: 500, meaning: '`handleSummary()` failed' },
  MIB_ERR_LOAD_HTTP_REQUEST: { status: 502, meaning: 'a request failed on the network under k6\'s `throw: true` option' },
  MIB_ERR_LOAD_ITERATION_INTERRUPTED: { status: 500, meaning: 'an iteration was interrupted (graceful stop or ramp-down expired, or abort)' },
  MIB_ERR_LOAD_K6_UNSUPPORTED: { status: 400, exit: EXIT.SCRIPT_ERROR, meaning: 'a k6 script uses a construct `mib load` cannot run unchanged' },
  MIB_ERR_LOAD_METRIC_NAME_INVALID: { status: 400, meaning: 'invalid custom metric name' },
  MIB_ERR_LOAD_METRIC_TYPE_MISMATCH: { status: 400, meaning: 'a metric name is redefined with another type' },
  MIB_ERR_LOAD_METRIC_UNKNOWN: { status: 400, meaning: 'no metric with this name' },
  MIB_ERR_LOAD_METRIC_VALUE_INVALID: { status: 400, meaning: 'a metric was given a value that is not a finite number' },
  MIB_ERR_LOAD_OUTPUT_INVALID: { status: 400, exit: EXIT.INVALID_CONFIG, meaning: 'an `--out` output is malformed' },
  MIB_ERR_LOAD_OUTPUT_UNKNOWN: { status: 400, exit: EXIT.INVALID_CONFIG, meaning: 'an `--out` output of an unknown kind' },
  MIB_ERR_LOAD_OUTPUT_WRITE: { status: 500, meaning: 'an output file cannot be written' },
  MIB_ERR_LOAD_SCRIPT_EXPORT: { status: 400, exit: EXIT.SCRIPT_ERROR, meaning: 'the script\'s exports are invalid (no default function, bad `options`…)' },
  MIB_ERR_LOAD_SCRIPT_LOAD: { status: 400, exit: EXIT.SCRIPT_ERROR, meaning: 'the script cannot be loaded (syntax error, throws at load, missing import)' },
  MIB_ERR_LOAD_SCRIPT_NOT_FOUND: { status: 400, exit: EXIT.SCRIPT_ERROR, meaning: 'no script at the given path' },
  MIB_ERR_LOAD_SETUP_DATA: { status: 400, exit: EXIT.SCRIPT_ERROR, meaning: '`setup()` returned data that cannot be passed to the VUs (not JSON-like)' },
  MIB_ERR_LOAD_SETUP_FAILED: { status: 500, exit: EXIT.SCRIPT_ERROR, meaning: '`setup()` threw' },
  MIB_ERR_LOAD_SETUP_TIMEOUT: { status: 504, exit: EXIT.SETUP_TIMEOUT, meaning: '`setup()` did not finish within `setupTimeout`' },
  MIB_ERR_LOAD_SNAPSHOT_INVALID: { status: 400, meaning: 'a worker\'s metrics snapshot cannot be merged (a bug)' },
  MIB_ERR_LOAD_SUBMETRIC_SELECTOR_INVALID: { status: 400, meaning: 'invalid sub-metric selector, e.g. `http_req_duration{status:200}`' },
  MIB_ERR_LOAD_TEARDOWN_FAILED: { status: 500, exit: EXIT.SCRIPT_ERROR, meaning: '`teardown()` threw (what was measured is kept)' },
  MIB_ERR_LOAD_TEARDOWN_TIMEOUT: { status: 504, exit: EXIT.TEARDOWN_TIMEOUT, meaning: '`teardown()` did not finish within `teardownTimeout`' },
  MIB_ERR_LOAD_TEST_ABORTED: { status: 500, exit: EXIT.SCRIPT_ABORTED, meaning: 'the script called `exec.test.abort()`' },
  MIB_ERR_LOAD_THRESHOLD_INVALID: { status: 400, exit: EXIT.INVALID_CONFIG, meaning: 'thresholds are invalid; every problem is listed' },
  MIB_ERR_LOAD_UNKNOWN_PRESET: { status: 400, exit: EXIT.INVALID_CONFIG, meaning: '`--preset` names no preset of the script' },
  MIB_ERR_LOAD_WORKER_CRASHED: { status: 500, exit: EXIT.SCRIPT_ERROR, meaning: 'a load worker thread crashed' },
  // The runner's own HTTP transport: a failed request has status 0 and k6's `error_code` (docs/load.md), not these codes.
  MIB_ERR_LOAD_HTTP_CONNECT_TIMEOUT: { meaning: 'transport: the TCP connect (and TLS handshake) took longer than the dial timeout (k6 error_code 1211)' },
  MIB_ERR_LOAD_HTTP_INVALID_HEADER: { meaning: 'transport: a request header name or value cannot be written (k6 error_code 1000)' },
  MIB_ERR_LOAD_HTTP_INVALID_URL: { meaning: 'transport: not an absolute http:// or https:// URL (k6 error_code 1020)' },
  MIB_ERR_LOAD_HTTP_INVALID_METHOD: { meaning: 'transport: the request method is not an HTTP token (k6 error_code 1000)' },
  MIB_ERR_LOAD_HTTP_REQUEST_TIMEOUT: { meaning: 'transport: the request\'s `timeout` passed before its response ended (k6 error_code 1050)' },
  MIB_ERR_LOAD_HTTP_RESPONSE_PARSE: { meaning: 'transport: the server\'s bytes are not an HTTP/1.x response (k6 error_code 1000)' },
  MIB_ERR_LOAD_HTTP_SOCKET_CLOSED: { meaning: 'transport: the server closed the connection before the response ended (k6 error_code 1220)' },

  // Results and reports, the dashboard.
  MIB_ERR_REPORT_MANIFEST_CORRUPT: { status: 500, meaning: 'a run\'s manifest.json is not a valid run manifest' },
  MIB_ERR_REPORT_NO_LOAD_DATA: { status: 422, meaning: 'the run holds neither a k6 NDJSON file nor a summary export: nothing to analyze' },
  MIB_ERR_REPORT_NO_RUNS: { status: 404, meaning: 'no runs in the results directory' },
  MIB_ERR_REPORT_RUN_AMBIGUOUS: { status: 400, meaning: 'the run reference matches several runs' },
  MIB_ERR_REPORT_RUN_NOT_FOUND: { status: 404, meaning: 'no run matches the reference' },
  MIB_ERR_REPORT_SUMMARY_CORRUPT: { status: 422, meaning: 'a file is not a k6 summary export' },
  MIB_ERR_REPORT_UPLOT_MISSING: { status: 500, meaning: 'the uPlot chart library is not installed (`npm ci`)' },
  MIB_ERR_DASHBOARD_CLOSED: { status: 500, meaning: 'the dashboard was published to after it closed (a bug)' },
  MIB_ERR_DASHBOARD_PORT_IN_USE: { status: 500, meaning: 'the dashboard\'s port is in use (`--dashboard-port`, or 0 for any)' },

  // The monitor (warnings are emitted with these codes too).
  MIB_ERR_MONITOR_CSV_WRITE: { status: 500, meaning: 'a monitor CSV file cannot be written' },
  MIB_ERR_MONITOR_HEALTH_FAILED: { status: 503, meaning: 'warning: a service is unhealthy' },
  MIB_ERR_MONITOR_METRICS_PARSE: { status: 502, meaning: 'warning: a /metrics answer is not valid Prometheus text' },
  MIB_ERR_MONITOR_NO_SERVICES: { status: 404, meaning: 'warning: no services to monitor; sampling the system only' },
  MIB_ERR_MONITOR_PROCESS_GONE: { status: 404, meaning: 'warning: a monitored process is gone' },
  MIB_ERR_MONITOR_PROC_FORMAT: { status: 500, meaning: 'unexpected format in a /proc file' },
  MIB_ERR_MONITOR_PROC_UNAVAILABLE: { status: 501, meaning: 'the monitor needs Linux /proc' },
  MIB_ERR_MONITOR_PROMETHEUS_QUERY: { status: 502, meaning: 'warning: a Prometheus query failed' },
  MIB_ERR_MONITOR_RESPONSE_TOO_LARGE: { status: 502, meaning: 'warning: a scraped answer is over the size bound' },
  MIB_ERR_MONITOR_SCRAPE_FAILED: { status: 502, meaning: 'warning: scraping a service\'s /metrics failed' },

  // Chaos plans.
  MIB_ERR_CHAOS_INJECTION_FAILED: { status: 502, meaning: 'a fault could not be injected' },
  MIB_ERR_CHAOS_NO_PEAK: { status: 400, exit: EXIT.INVALID_CONFIG, meaning: 'the preset never holds a load level: no peak to inject faults in' },
  MIB_ERR_CHAOS_PLAN_INVALID: { status: 400, exit: EXIT.INVALID_CONFIG, meaning: 'the chaos plan is invalid; every problem is listed' },
  MIB_ERR_CHAOS_PLAN_NOT_FOUND: { status: 404, exit: EXIT.INVALID_CONFIG, meaning: 'the chaos plan is neither a preset nor a readable file' },

  // Starting and supervising the services.
  MIB_ERR_STACK_ALREADY_RUNNING: { status: 409, meaning: 'services are already running per the run directory (`mib stop` first)' },
  MIB_ERR_STACK_NOT_READY: { status: 503, meaning: 'a service was not healthy in time' },
  MIB_ERR_STACK_NOT_RESTARTABLE: { status: 409, meaning: '`mib restart`: the service is not of a stack started with `mib start --detach`' },
  MIB_ERR_STACK_PORT_IN_USE: { status: 409, meaning: 'a service\'s port is already in use' },
  MIB_ERR_STACK_SERVICE_EXITED: { status: 500, meaning: 'a service exited during start-up (the message has its last output)' }
} as const satisfies Readonly<Record<`MIB_ERR_${string}`, ErrorSpec>>

export type ErrorCode = keyof typeof ERROR_REGISTRY

/** The registry's row of `code`, or undefined for a code it does not list (e.g. one read off the wire). */
export function errorSpec (code: string): ErrorSpec | undefined {
  return Object.hasOwn(ERROR_REGISTRY, code) ? (ERROR_REGISTRY as Readonly<Record<string, ErrorSpec>>)[code] : undefined
}

/** The one error → exit-code mapping: the registry's `exit`, else 1. */
export function exitCodeOfCode (code: string): ExitCode {
  return errorSpec(code)?.exit ?? EXIT.GENERIC_ERROR
}

/** The area a code belongs to: the longest area name its prefix matches. */
export function areaOf (code: string): ErrorArea | undefined {
  let best: ErrorArea | undefined
  for (const area of Object.keys(ERROR_AREAS) as ErrorArea[]) {
    const prefix = `MIB_ERR_${area}`
    if ((code === prefix || code.startsWith(`${prefix}_`)) && (best === undefined || area.length > best.length)) best = area
  }
  return best
}
