/**
 * The live dashboard's default port: k6's web dashboard port, so k6 users find it
 * where they expect. Written once here, outside lab/report on purpose: the dashboard
 * (lab/report/dashboard) listens on it, and `mib load`, `mib monitor` and `mib perf-test`
 * name it as their `--dashboard-port` default, but lab/load and lab/monitor may not
 * import lab/report (ARCHITECTURE.md, test/boundaries.test.ts).
 */
export const DEFAULT_DASHBOARD_PORT = 5665
