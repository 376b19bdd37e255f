/** `ws`: k6/ws's connect(), asynchronous: `const res = await ws.connect(url, params, (socket) => { ... })`. */
import { currentVu } from '../vu/context.js'
import { wsConnect, type WsHandler, type WsParams, type WsResponse } from '../ws/session.js'

export type { WsHandler, WsParams, WsResponse, WsSocket } from '../ws/session.js'

export const ws = {
  connect (url: string, paramsOrHandler: WsParams | WsHandler, maybeHandler?: WsHandler): Promise<WsResponse> {
    const vu = currentVu('ws.connect()')
    // k6 allows ws.connect(url, handler) without params.
    if (typeof paramsOrHandler === 'function') return wsConnect(vu, url, undefined, paramsOrHandler)
    if (maybeHandler === undefined) throw new TypeError('ws.connect(url, params, handler): the handler function is missing')
    return wsConnect(vu, url, paramsOrHandler, maybeHandler)
  }
}
