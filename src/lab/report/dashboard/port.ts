/**
 * The live dashboard's port unless told otherwise (k6's web dashboard port). The value lives
 * in the neutral src/dashboard-port.ts, since lab/load and lab/monitor name it too and may not
 * import lab/report; the report component's modules take it from here.
 */
export { DEFAULT_DASHBOARD_PORT } from '../../../dashboard-port.js'
