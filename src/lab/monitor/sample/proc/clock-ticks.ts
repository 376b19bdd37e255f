import { execFile } from 'node:child_process'

/**
 * USER_HZ, the unit of /proc/<pid>/stat CPU times. Linux fixes it at 100 on
 * every mainstream architecture, but `getconf CLK_TCK` is the portable answer;
 * it runs once (no shell, bounded) and 100 is the fallback if getconf is absent.
 */
export const DEFAULT_CLOCK_TICKS = 100

let cached: Promise<number> | undefined

export async function clockTicksPerSecond (): Promise<number> {
  cached ??= new Promise((resolve) => {
    execFile('getconf', ['CLK_TCK'], { timeout: 2000 }, (err, stdout) => {
      const ticks = Number(stdout.trim())
      resolve(err === null && Number.isInteger(ticks) && ticks > 0 ? ticks : DEFAULT_CLOCK_TICKS)
    })
  })
  return await cached
}
