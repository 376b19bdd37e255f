/**
 * A binary max-heap keyed by a number, used to merge per-symbol rings
 * newest-first in O(symbols + limit·log symbols).
 */
export class MaxHeap<T> {
  #items: T[] = []
  readonly #key: (item: T) => number

  constructor (key: (item: T) => number) {
    this.#key = key
  }

  get size (): number { return this.#items.length }

  push (item: T): void {
    const items = this.#items
    items.push(item)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.#key(items[parent] as T) >= this.#key(items[i] as T)) break
      this.#swap(i, parent)
      i = parent
    }
  }

  pop (): T | undefined {
    const items = this.#items
    const top = items[0]
    const last = items.pop()
    if (items.length > 0 && last !== undefined) {
      items[0] = last
      this.#siftDown(0)
    }
    return top
  }

  #siftDown (start: number): void {
    const items = this.#items
    let i = start
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let largest = i
      if (left < items.length && this.#key(items[left] as T) > this.#key(items[largest] as T)) largest = left
      if (right < items.length && this.#key(items[right] as T) > this.#key(items[largest] as T)) largest = right
      if (largest === i) return
      this.#swap(i, largest)
      i = largest
    }
  }

  #swap (a: number, b: number): void {
    const items = this.#items
    const tmp = items[a] as T
    items[a] = items[b] as T
    items[b] = tmp
  }
}
