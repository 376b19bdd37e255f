#!/usr/bin/env node
// `make test` runs this first: the programs the test suite needs that npm does not
// install. When one is missing it says exactly what to install and exits 2 before
// any test starts (a newcomer's first `make test` would otherwise fail half-way
// with "executable doesn't exist at /usr/bin/chromium").
//   Chromium    — the dashboard and report tests drive a real headless browser
//                 (playwright-core; MIB_CHROMIUM=/path overrides /usr/bin/chromium)
//   Prometheus  — the monitor's test against a real Prometheus server (/usr/bin/prometheus)
import { accessSync, constants } from 'node:fs'

const MIN_NODE = [20, 18]
const chromium = process.env.MIB_CHROMIUM ?? '/usr/bin/chromium'
const prometheus = process.env.MIB_PROMETHEUS ?? '/usr/bin/prometheus'

function executable (path) {
  try { accessSync(path, constants.X_OK); return true } catch { return false }
}

const problems = []
const packages = []
const [major, minor] = process.versions.node.split('.').map(Number)
if (major < MIN_NODE[0] || (major === MIN_NODE[0] && minor < MIN_NODE[1])) {
  problems.push(`Node.js ${process.versions.node}: the project needs ${MIN_NODE.join('.')} or newer (https://nodejs.org, or your distribution's nodejs)`)
}
if (!executable(chromium)) {
  problems.push(`Chromium not found at ${chromium}: the dashboard and report tests drive a real headless browser`)
  packages.push('chromium')
}
if (!executable(prometheus)) {
  problems.push(`Prometheus not found at ${prometheus}: the monitor is tested against a real Prometheus server`)
  packages.push('prometheus')
}

if (problems.length > 0) {
  const lines = ['make test: missing what npm does not install:', ...problems.map((p) => `  ✗ ${p}`)]
  if (packages.length > 0) {
    lines.push('Install them (Debian, Ubuntu):', `  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
      'or run `make install-test-deps`, which does the same. Another Chromium: MIB_CHROMIUM=/path/to/chromium make test')
  }
  process.stderr.write(lines.join('\n') + '\n')
  process.exit(2)
}
