/**
 * The live dashboard's port unless told otherwise: k6's web dashboard port, so k6 users
 * find it where they expect. Written once here; `mib load`, `mib monitor` and `mib perf-test`
 * take their `--dashboard-port` default from it. A module of its own so the command line can
 * import it without loading the dashboard.
 */
export const DEFAULT_DASHBOARD_PORT = 5665
