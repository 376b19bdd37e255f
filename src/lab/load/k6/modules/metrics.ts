/** k6/metrics: Counter, Gauge, Rate, Trend. */
import './globals.js'
import { Counter, Gauge, Rate, Trend } from '../../api/metrics-classes.js'

export { Counter, Gauge, Rate, Trend }
export default { Counter, Gauge, Rate, Trend }
