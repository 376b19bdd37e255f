/**
 * `mib profile flame`: a self-contained, offline flame graph (one HTML file,
 * inline data, CSS and JS; no CDN) from a pprof profile.
 */
import { writeFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { functionKey, resolveSampleIndex, stackSamples, type ReadProfile } from './pprof.js'
import { FLAME_PAGE_SCRIPT, FLAME_PAGE_STYLE } from './flame-page.js'
import { shortFile } from './top.js'

/** A node: [frame index (-1 = root), value, children]. Arrays keep the embedded JSON small. */
export type FlameNode = [number, number, FlameNode[]]

export interface FlameData {
  title: string
  sampleType: string
  unit: string
  total: number
  /** [name, short file, line] per distinct function. */
  frames: Array<[string, string, number]>
  root: FlameNode
}

export interface FlameOptions {
  sampleIndex?: string
  title?: string
  /**
   * Nodes below this share of the total are folded into their parent's self
   * value: invisible at any zoom a reader uses, and they bound the file size.
   */
  minShare?: number
}

interface MutableNode { frame: number, value: number, children: Map<number, MutableNode> }

export function buildFlameData (p: ReadProfile, options: FlameOptions = {}): FlameData {
  const index = resolveSampleIndex(p, options.sampleIndex)
  const frames: Array<[string, string, number]> = []
  const frameIds = new Map<string, number>()
  const root: MutableNode = { frame: -1, value: 0, children: new Map() }
  for (const sample of stackSamples(p, index)) {
    root.value += sample.value
    let node = root
    // Root first: pprof stores the leaf first.
    for (let i = sample.frames.length - 1; i >= 0; i--) {
      const frame = sample.frames[i]
      if (frame === undefined) continue
      const key = functionKey(frame)
      let id = frameIds.get(key)
      if (id === undefined) {
        id = frames.length
        frameIds.set(key, id)
        frames.push([frame.name, frame.file === '' ? '' : shortFile(frame.file), frame.line])
      }
      let child = node.children.get(id)
      if (child === undefined) {
        child = { frame: id, value: 0, children: new Map() }
        node.children.set(id, child)
      }
      child.value += sample.value
      node = child
    }
  }
  const minValue = root.value * (options.minShare ?? 1e-5)
  const type = p.sampleTypes[index] ?? { type: '?', unit: '' }
  return {
    title: options.title ?? basename(p.source),
    sampleType: type.type,
    unit: type.unit,
    total: root.value,
    frames,
    root: freeze(root, minValue)
  }
}

function freeze (node: MutableNode, minValue: number): FlameNode {
  const children = [...node.children.values()]
    .filter((c) => c.value >= minValue)
    .sort((a, b) => b.value - a.value)
    .map((c) => freeze(c, minValue))
  return [node.frame, node.value, children]
}

/** JSON inside <script>: `<` escaped so no function name can close the element. */
function embedJson (value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}

function escapeHtml (text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c] ?? c))
}

export function renderFlameHtml (data: FlameData): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Flame graph: ${escapeHtml(data.title)}</title>
<style>${FLAME_PAGE_STYLE}</style>
</head><body>
<header>
  <h1>${escapeHtml(data.title)} <small id="summary"></small></h1>
  <div class="controls">
    <input id="search" type="search" placeholder="Search functions or files (regex)" autocomplete="off" aria-label="search">
    <span id="match" aria-live="polite"></span>
    <button id="reset" type="button" title="Reset zoom (Esc)">Reset zoom</button>
  </div>
  <nav id="crumbs" aria-label="zoom path"></nav>
</header>
<main id="chart"><canvas id="flame" role="img" aria-label="flame graph"></canvas><div id="tooltip" hidden></div></main>
<section><h2>Top functions by self value <small id="top-scope"></small></h2><table id="top"><thead><tr><th>self</th><th>self %</th><th>function</th><th>location</th></tr></thead><tbody></tbody></table></section>
<footer>Click a frame to zoom in, click a parent bar or press Esc to zoom out. Widths are shares of the ${escapeHtml(data.sampleType)} total.</footer>
<script type="application/json" id="flame-data">${embedJson(data)}</script>
<script>${FLAME_PAGE_SCRIPT}</script>
</body></html>
`
}

export async function writeFlameGraph (p: ReadProfile, outFile: string, options: FlameOptions = {}): Promise<FlameData> {
  const data = buildFlameData(p, options)
  await writeFile(outFile, renderFlameHtml(data))
  return data
}
