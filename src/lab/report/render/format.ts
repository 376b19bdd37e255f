/** How figures read in reports and on the console: fixed digits, units spelled out, locale-independent. */
export const formatMs = (v: number): string => `${v < 10 ? v.toFixed(2) : v.toFixed(1)} ms`
/** A fraction as a percentage: 0.0333 → "3.33 %". */
export const formatPct = (fraction: number): string => `${(fraction * 100).toFixed(2)} %`
/** A value already in percent: 20 → "20.0 %". */
export const formatPctValue = (pct: number): string => `${pct.toFixed(1)} %`
export const formatRate = (v: number): string => `${v.toFixed(1)} req/s`
export const formatCount = (v: number): string => Math.round(v).toLocaleString('en-US')
