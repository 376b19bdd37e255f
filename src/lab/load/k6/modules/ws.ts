/** k6/ws: connect(url, params, handler), blocking in k6 (the k6 transform awaits it). */
import './globals.js'
import { ws } from '../../api/ws.js'

export const connect = ws.connect
export default { connect }
