/**
 * Stage boundaries for the live page, from the same stages and time scale the
 * report reads from the manifest, so both mark the same instants.
 */
import { stageMarks } from '../analyze/stages.js'
import type { Stage } from '../../results-dir/index.js'
import type { StageEvent } from './events.js'

/** One `stage` event per stage start, `startMs` being when the load began (epoch ms). */
export function stageEvents (stages: Stage[], timeScale: number | undefined, startMs: number): StageEvent[] {
  return stageMarks(stages, timeScale, startMs / 1000).map((m) => ({
    type: 'stage',
    time: Math.round(m.start * 1000),
    name: m.name,
    ...(m.target === null ? {} : { target: m.target })
  }))
}
