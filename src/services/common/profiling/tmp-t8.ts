import Fastify from 'fastify'
import { mountProfiling } from './index.js'
import { createLogger } from '../logger.js'
const app = Fastify()
const handle = await mountProfiling(app, { mode: 'main', adminPort: 0 }, { service: 'svc', logger: createLogger({ name: 't', env: 'test' }) })
app.addHook('onClose', async () => console.log('onClose user'))
await app.listen({ host: '127.0.0.1', port: 0 })
console.log('closing', handle.urls)
setTimeout(() => console.log('still alive'), 3000)
await app.close()
console.log('closed')
