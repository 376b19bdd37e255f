import { createHash } from 'node:crypto'

export interface CheckNode {
  readonly name: string
  readonly path: string
  readonly id: string
  readonly passes: number
  readonly fails: number
}

/** k6's `root_group`: groups nest by path; each holds the checks run inside it. */
export interface GroupNode {
  readonly name: string
  readonly path: string
  readonly id: string
  readonly groups: GroupNode[]
  readonly checks: CheckNode[]
}

const SEPARATOR = '::'

/** k6's ids: the hex md5 of the path, so ids equal k6's for the same script. */
function pathId (path: string): string {
  return createHash('md5').update(path).digest('hex')
}

/** Whole-run counts, and the counts since the last `drainWindow`. */
interface CheckCounts { passes: number, fails: number, windowPasses: number, windowFails: number }

/**
 * Pass/fail counts per (group path, check name), from `checks` samples tagged
 * `{group, check}`. Distinct pairs are capped: check names are static strings
 * in sane scripts, so passing the cap means a name built from data, and the
 * surplus is counted rather than kept.
 */
export class ChecksTree {
  readonly #maxChecks: number
  readonly #groups = new Set<string>()
  /** group path → check name → counts, in first-seen order (the order k6 prints). */
  readonly #checks = new Map<string, Map<string, CheckCounts>>()
  #size = 0
  overflow = 0

  constructor (maxChecks: number) { this.#maxChecks = maxChecks }

  addGroup (path: string): void {
    if (path === '' || this.#groups.has(path)) return
    // Register ancestors first so a group always follows its parent.
    const cut = path.lastIndexOf(SEPARATOR)
    if (cut > 0) this.addGroup(path.slice(0, cut))
    this.#groups.add(path)
  }

  record (group: string, check: string, passes: number, fails: number): void {
    let checks = this.#checks.get(group)
    if (checks === undefined) {
      checks = new Map()
      this.#checks.set(group, checks)
      this.addGroup(group)
    }
    let counts = checks.get(check)
    if (counts === undefined) {
      if (this.#size >= this.#maxChecks) { this.overflow += passes + fails; return }
      counts = { passes: 0, fails: 0, windowPasses: 0, windowFails: 0 }
      checks.set(check, counts)
      this.#size++
    }
    counts.passes += passes
    counts.fails += fails
    counts.windowPasses += passes
    counts.windowFails += fails
  }

  /** [group, check, passes, fails] of the checks that ran since the previous call. */
  drainWindow (): Array<[string, string, number, number]> {
    const rows: Array<[string, string, number, number]> = []
    for (const [group, checks] of this.#checks) {
      for (const [check, counts] of checks) {
        if (counts.windowPasses + counts.windowFails === 0) continue
        rows.push([group, check, counts.windowPasses, counts.windowFails])
        counts.windowPasses = 0
        counts.windowFails = 0
      }
    }
    return rows
  }

  /** [group, check, passes, fails] rows; with `reset` the counts are moved out. */
  entries (reset: boolean): Array<[string, string, number, number]> {
    const rows: Array<[string, string, number, number]> = []
    for (const [group, checks] of this.#checks) {
      for (const [check, counts] of checks) {
        rows.push([group, check, counts.passes, counts.fails])
        if (reset) { counts.passes = 0; counts.fails = 0 }
      }
    }
    return rows
  }

  groups (): string[] { return [...this.#groups] }

  build (): GroupNode {
    const root = this.#node('', '')
    const byPath = new Map<string, GroupNode>([['', root]])
    for (const path of this.#groups) {
      const cut = path.lastIndexOf(SEPARATOR)
      const parent = byPath.get(cut <= 0 ? '' : path.slice(0, cut)) ?? root
      const node = this.#node(cut === -1 ? path : path.slice(cut + SEPARATOR.length), path)
      parent.groups.push(node)
      byPath.set(path, node)
    }
    for (const [group, checks] of this.#checks) {
      const node = byPath.get(group) ?? root
      for (const [name, counts] of checks) {
        const path = `${group}${SEPARATOR}${name}`
        node.checks.push({ name, path, id: pathId(path), passes: counts.passes, fails: counts.fails })
      }
    }
    return root
  }

  #node (name: string, path: string): GroupNode {
    return { name, path, id: pathId(path), groups: [], checks: [] }
  }
}
