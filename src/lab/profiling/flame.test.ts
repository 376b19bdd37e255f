import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'
import { buildFlameData, renderFlameHtml, writeFlameGraph } from './flame.js'
import { decodeProfile } from './pprof.js'
import { cpuLikeProfile, syntheticProfile } from './fixtures/synthetic.js'

const CHROMIUM = process.env.MIB_CHROMIUM ?? '/usr/bin/chromium'

test('the flame tree sums stacks root first, heaviest child first', () => {
  const data = buildFlameData(decodeProfile(cpuLikeProfile(), 'cpu.pb.gz'))
  assert.equal(data.title, 'cpu.pb.gz')
  assert.equal(data.sampleType, 'wall')
  assert.equal(data.total, 100e6)
  const name = (node: [number, number, unknown[]]): string => node[0] === -1 ? 'all' : data.frames[node[0]]?.[0] ?? '?'
  const [, rootValue, [main]] = data.root
  assert.equal(rootValue, 100e6)
  assert.ok(main !== undefined)
  assert.equal(name(main), 'main')
  const [handle, walk] = main[2]
  assert.ok(handle !== undefined && walk !== undefined)
  assert.deepEqual([name(handle), handle[1]], ['handle', 90e6])
  assert.deepEqual(handle[2].map((c) => [name(c), c[1]]), [['render', 60e6], ['parse', 30e6]])
  assert.deepEqual([name(walk), walk[1], walk[2][0]?.[1]], ['walk', 10e6, 10e6], 'recursion stays a chain in the flame graph')
})

test('frames below minShare are folded into their parent', () => {
  const data = buildFlameData(decodeProfile(cpuLikeProfile()), { minShare: 0.2 })
  const main = data.root[2][0]
  assert.ok(main !== undefined)
  assert.deepEqual(main[2].map((c) => data.frames[c[0]]?.[0]), ['handle'], 'walk (10%) is folded')
})

test('the page is self-contained: inline data, script and style, nothing fetched, names escaped', async (t) => {
  const hostile = syntheticProfile([['sample', 'count']], [{ stack: ['main', '</script><img src=x onerror=alert(1)>'], values: [5] }])
  const html = renderFlameHtml(buildFlameData(decodeProfile(hostile), { title: '<b>t</b>' }))
  assert.doesNotMatch(html, /<script[^>]+src=/i)
  assert.doesNotMatch(html, /<link/i)
  assert.doesNotMatch(html, /https?:\/\//i, 'no URL at all: works offline')
  assert.equal(html.match(/<\/script>/g)?.length, 2, 'only the two real script elements close')
  assert.match(html, /<title>Flame graph: &lt;b&gt;t&lt;\/b&gt;<\/title>/)

  const dir = await mkdtemp(join(tmpdir(), 'mib-flame-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const out = join(dir, 'flame.html')
  await writeFlameGraph(decodeProfile(cpuLikeProfile()), out)
  assert.match(await readFile(out, 'utf8'), /^<!doctype html>/)
})

test('in a browser: renders, searches, zooms on click, shows tooltips, resets with Esc', { skip: existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}` }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'mib-flame-'))
  t.after(() => rm(dir, { recursive: true, force: true }))
  const out = join(dir, 'flame.html')
  await writeFlameGraph(decodeProfile(cpuLikeProfile(), 'cpu.pb.gz'), out)

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'], timeout: 30_000 })
  t.after(() => browser.close())
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } })
  page.setDefaultTimeout(15_000)
  const problems: string[] = []
  const fetched: string[] = []
  page.on('pageerror', (err) => problems.push(err.message))
  page.on('request', (req) => { if (!req.url().startsWith('file:')) fetched.push(req.url()) })
  await page.goto(pathToFileURL(out).href)

  // Painted: some pixel of the first row (the root bar) is not transparent.
  const painted = await page.evaluate('(() => { const c = document.getElementById("flame"); const d = c.getContext("2d").getImageData(5, 5, 1, 1).data; return c.width > 0 && c.height > 0 && d[3] > 0 })()')
  assert.equal(painted, true)
  assert.match(await page.textContent('#summary') ?? '', /wall, total 100ms/)

  await page.fill('#search', 'pars')
  assert.match(await page.textContent('#match') ?? '', /matched 30\.00% \(30ms\)/)
  await page.fill('#search', 'render|format')
  assert.match(await page.textContent('#match') ?? '', /matched 60\.00%/, 'format under render is not counted twice')

  // Click in the middle of the "render" bar (row 3: all > main > handle > render).
  const box = await page.locator('#flame').boundingBox() ?? assert.fail('no canvas box')
  const row = await page.evaluate('window.__flame.rowHeight') as number
  const renderX = await page.evaluate('(() => { const f = window.__flame; const render = f.root.children[0].children[0].children[0]; return (render.start + render.v / 2) / f.root.v })()') as number
  await page.mouse.move(box.x + renderX * box.width, box.y + 3 * row + row / 2)
  assert.equal(await page.isVisible('#tooltip'), true)
  assert.match(await page.textContent('#tooltip') ?? '', /^render.*60ms \(60\.00% of total, 60\.00% of zoom\)/)
  await page.mouse.click(box.x + renderX * box.width, box.y + 3 * row + row / 2)
  assert.equal(await page.evaluate('document.querySelector("#crumbs").textContent'), 'all › main › handle › render')
  assert.match(await page.textContent('#top-scope') ?? '', /under render/)
  assert.deepEqual(await page.evaluate('Array.from(document.querySelectorAll("#top tbody tr td:nth-child(3)"), (td) => td.textContent)'), ['format', 'render'])

  await page.keyboard.press('Escape')
  assert.equal(await page.evaluate('document.querySelector("#crumbs").textContent'), 'all')
  assert.equal(await page.textContent('#match'), '')
  assert.deepEqual(problems, [])
  assert.deepEqual(fetched, [])
})
