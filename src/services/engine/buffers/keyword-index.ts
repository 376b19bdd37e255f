/**
 * Inverted index: lowercase word → ids of the items containing it. Kept exact
 * on insert and on eviction (an empty posting is deleted), so its size tracks
 * the store's and never grows on its own.
 */
export class KeywordIndex {
  #postings = new Map<string, Set<number>>()

  add (id: number, words: Iterable<string>): void {
    for (const word of words) {
      let posting = this.#postings.get(word)
      if (posting === undefined) {
        posting = new Set()
        this.#postings.set(word, posting)
      }
      posting.add(id)
    }
  }

  remove (id: number, words: Iterable<string>): void {
    for (const word of words) {
      const posting = this.#postings.get(word)
      if (posting === undefined) continue
      posting.delete(id)
      if (posting.size === 0) this.#postings.delete(word)
    }
  }

  has (word: string, id: number): boolean {
    return this.#postings.get(word)?.has(id) ?? false
  }

  /** Ids containing `word` (live view: do not mutate). */
  posting (word: string): ReadonlySet<number> | undefined {
    return this.#postings.get(word)
  }

  /** Distinct words indexed. */
  get wordCount (): number { return this.#postings.size }
}
