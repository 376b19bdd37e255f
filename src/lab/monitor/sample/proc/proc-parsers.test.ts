import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseCpuStat, cpuPercent } from './cpu-stat.js'
import { parseMeminfo, memoryUsedPercent } from './meminfo.js'
import { parseNetDev } from './net-dev.js'
import { parseEstablished } from './net-tcp.js'
import { parsePidStat, parseVmRssBytes } from './pid-stat.js'

test('cpu percentages are busy jiffies over all jiffies between two /proc/stat readings, guest time not counted twice', () => {
  const before = parseCpuStat([
    'cpu  100 0 100 800 0 0 0 0 50 0',
    'cpu0 50 0 50 400 0 0 0 0 50 0',
    'cpu1 50 0 50 400 0 0 0 0 0 0',
    'intr 12345'
  ].join('\n'))
  const after = parseCpuStat([
    'cpu  250 0 150 900 100 0 0 0 90 0',
    'cpu0 200 0 50 400 50 0 0 0 90 0',
    'cpu1 50 0 100 500 50 0 0 0 0 0'
  ].join('\n'))
  // total: busy +200 over +400 jiffies (idle +100, iowait +100) = 50 %
  assert.equal(cpuPercent(before.total, after.total), 50)
  assert.equal(cpuPercent(before.cores[0]!, after.cores[0]!), 75)
  assert.equal(cpuPercent(before.cores[1]!, after.cores[1]!), 25)
  assert.equal(cpuPercent(after.total, after.total), undefined, 'no time passed')
})

test('a /proc/stat without the aggregate cpu line is a format error with a code', () => {
  assert.throws(() => parseCpuStat('intr 1\n'), { code: 'MIB_ERR_MONITOR_PROC_FORMAT' })
})

test('memory used is what is not MemAvailable', () => {
  const info = parseMeminfo('MemTotal:       1000 kB\nMemFree:         100 kB\nMemAvailable:    250 kB\nCached: 10 kB\n')
  assert.deepEqual(info, { totalBytes: 1000 * 1024, availableBytes: 250 * 1024 })
  assert.equal(memoryUsedPercent(info), 75)
})

test('kernels without MemAvailable fall back to MemFree + Cached', () => {
  assert.equal(parseMeminfo('MemTotal: 1000 kB\nMemFree: 100 kB\nCached: 300 kB\n').availableBytes, 400 * 1024)
})

test('/proc/net/dev sums external interfaces and keeps loopback apart', () => {
  const text = [
    'Inter-|   Receive                                                |  Transmit',
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
    '    lo: 5000      10    0    0    0     0          0         0     5000      10    0    0    0     0       0          0',
    '  eth0: 1000      10    0    0    0     0          0         0      200       2    0    0    0     0       0          0',
    '  eth1:   30       1    0    0    0     0          0         0        4       1    0    0    0     0       0          0'
  ].join('\n')
  assert.deepEqual(parseNetDev(text), { external: { rxBytes: 1030, txBytes: 204 }, loopback: { rxBytes: 5000, txBytes: 5000 } })
})

test('only sockets in state 01 (ESTABLISHED) are counted, with their ports decoded from hex', () => {
  const text = [
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
    '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1',
    '   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 2 1',
    '   2: 0100007F:D431 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 3 1',
    '   3: 0100007F:D432 0100007F:1F90 06 00000000:00000000 00:00000000 00000000     0        0 4 1'
  ].join('\n')
  assert.deepEqual(parseEstablished(text), [{ localPort: 8080, remotePort: 54321 }, { localPort: 54321, remotePort: 8080 }])
})

test('pid stat fields are counted from the last ")" so a command name with spaces and parens parses', () => {
  // Fields 3..22 after the name: state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice threads itrealvalue starttime
  const text = '4242 (my (odd) proc) S 1 4242 4242 0 -1 4194560 100 0 0 0 120 30 0 0 20 0 7 0 98765 1000000 500'
  assert.deepEqual(parsePidStat(text, '/proc/4242/stat'), { cpuTicks: 150, startTicks: 98765, threads: 7 })
  assert.throws(() => parsePidStat('4242 (x) S 1', '/proc/4242/stat'), { code: 'MIB_ERR_MONITOR_PROC_FORMAT' })
})

test('VmRSS is read in kB and returned in bytes; kernel threads have none', () => {
  assert.equal(parseVmRssBytes('Name:\tnode\nVmRSS:\t  81920 kB\nThreads: 7\n'), 81920 * 1024)
  assert.equal(parseVmRssBytes('Name:\tkthreadd\nThreads: 1\n'), undefined)
})
