/** Generator child running autocannon: requests and CPU time over the run.  run-autocannon.ts <url> <connections> <durationS> */
import autocannon from 'autocannon'

const [url = '', connections = '50', durationS = '5'] = process.argv.slice(2)
// A short warm-up so JIT start-up counts as little for autocannon as it does for mib.
await autocannon({ url, connections: Number(connections), duration: 1 })
const cpuStart = process.cpuUsage()
const wallStart = performance.now()
const result = await autocannon({ url, connections: Number(connections), duration: Number(durationS) })
const cpu = process.cpuUsage(cpuStart)
const seconds = (performance.now() - wallStart) / 1000
process.stdout.write(`${JSON.stringify({ requests: result.requests.total, cpuMs: (cpu.user + cpu.system) / 1000, seconds, rate: result.requests.total / seconds, errors: result.errors + result.non2xx })}\n`)
