/** `ws`: k6/ws's connect(), asynchronous: `const res = await ws.connect(url, params, (socket) => { ... })`. */
import { currentVu } from '../vu/context.js'
import type { WsHandler, WsParams, WsResponse } from '../ws/session.js'

export type { WsHandler, WsParams, WsResponse, WsSocket } from '../ws/session.js'

// The session and the ws package load on the first connect: HTTP-only scripts
// (most) do not carry them (~1.5 MB of heap per thread).
let session: Promise<typeof import('../ws/session.js')> | undefined

export const ws = {
  connect (url: string, paramsOrHandler: WsParams | WsHandler, maybeHandler?: WsHandler): Promise<WsResponse> {
    const vu = currentVu('ws.connect()')
    // k6 allows ws.connect(url, handler) without params.
    const [params, handler] = typeof paramsOrHandler === 'function' ? [undefined, paramsOrHandler] : [paramsOrHandler, maybeHandler]
    if (handler === undefined) throw new TypeError('ws.connect(url, params, handler): the handler function is missing')
    session ??= import('../ws/session.js')
    return session.then(({ wsConnect }) => wsConnect(vu, url, params, handler))
  }
}
