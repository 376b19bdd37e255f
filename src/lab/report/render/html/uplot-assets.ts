/**
 * uPlot's browser build and stylesheet, read from node_modules so that pages
 * and reports work offline (no CDN): the live dashboard serves them, reports
 * inline them.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { UplotMissingError } from '../../errors.js'

export interface UplotAssets {
  js: string
  css: string
}

let cached: Promise<UplotAssets> | undefined

export function loadUplotAssets (): Promise<UplotAssets> {
  cached ??= readAssets().catch((err: unknown) => {
    cached = undefined
    throw err
  })
  return cached
}

async function readAssets (): Promise<UplotAssets> {
  let dist: string
  try {
    // uPlot's package has no "exports" map, so its package.json resolves directly.
    dist = join(dirname(createRequire(import.meta.url).resolve('uplot/package.json')), 'dist')
  } catch (err) {
    throw new UplotMissingError((err as Error).message)
  }
  const [js, css] = await Promise.all([
    readFile(join(dist, 'uPlot.iife.min.js'), 'utf8'),
    readFile(join(dist, 'uPlot.min.css'), 'utf8')
  ])
  return { js, css }
}

/** A `<script>` body must not contain "</script": the minified library never does, but this is checked, not assumed. */
export function inlineScript (js: string): string {
  return `<script>${js.replace(/<\/script/gi, '<\\/script')}</script>`
}

export function inlineStyle (css: string): string {
  return `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`
}
