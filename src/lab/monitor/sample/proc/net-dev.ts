/**
 * /proc/net/dev: cumulative bytes per interface of this network namespace.
 * Loopback is kept apart: on a single machine load test it carries all the
 * traffic, while the external interfaces are what a capacity plan cares about.
 */
export interface NetCounters {
  /** Every interface except lo. */
  external: { rxBytes: number, txBytes: number }
  loopback: { rxBytes: number, txBytes: number }
}

export function parseNetDev (text: string): NetCounters {
  const counters: NetCounters = { external: { rxBytes: 0, txBytes: 0 }, loopback: { rxBytes: 0, txBytes: 0 } }
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':')
    // The two header lines contain '|' and no "iface:" prefix.
    if (colon < 0 || line.includes('|')) continue
    const iface = line.slice(0, colon).trim()
    const fields = line.slice(colon + 1).trim().split(/\s+/).map(Number)
    // Receive: bytes packets errs drop fifo frame compressed multicast; then transmit: bytes ...
    const rx = fields[0]
    const tx = fields[8]
    if (rx === undefined || tx === undefined || Number.isNaN(rx) || Number.isNaN(tx)) continue
    const target = iface === 'lo' ? counters.loopback : counters.external
    target.rxBytes += rx
    target.txBytes += tx
  }
  return counters
}
