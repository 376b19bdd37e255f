/** ANSI styling that collapses to plain text when colors are off. */
export interface Palette {
  readonly green: (text: string) => string
  readonly red: (text: string) => string
  readonly cyan: (text: string) => string
  readonly faint: (text: string) => string
  readonly bold: (text: string) => string
}

const wrap = (open: number, close: number) => (text: string): string => `\u001b[${open}m${text}\u001b[${close}m`
const plain = (text: string): string => text

export function palette (enableColors: boolean): Palette {
  if (!enableColors) return { green: plain, red: plain, cyan: plain, faint: plain, bold: plain }
  return { green: wrap(32, 39), red: wrap(31, 39), cyan: wrap(36, 39), faint: wrap(2, 22), bold: wrap(1, 22) }
}

/** Colors only on a TTY and when NO_COLOR is unset (https://no-color.org). */
export function shouldColor (stream: { isTTY?: boolean } | undefined, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream?.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '')
}

/** Visible width, ignoring ANSI escapes. */
export function visibleLength (text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[\d+m/g, '').length
}
