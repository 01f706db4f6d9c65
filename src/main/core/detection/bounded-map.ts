// A Map with a capacity, so per-entity windows stay bounded however many distinct addresses arrive.
//
// Two generations instead of a strict LRU list: keys live in `young` until it holds half the capacity,
// then the young generation becomes the old one and the previous old one is dropped whole. A read that
// finds its key in `old` moves it back to `young`. Every entity touched within the last half-capacity
// of distinct arrivals survives, as with LRU, but a read of a key in `young` (nearly every read: one
// client sends many requests) is a single Map.get. A strict LRU re-inserts the key on every read to
// move it to the end of the Map's order, which cost more than the detector's own work.

export interface BoundedMap<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): void
  delete(key: K): void
  readonly size: number
  entries(): IterableIterator<[K, V]>
}

/** Creates a map holding at most `capacity` keys (at least two), least recently used dropped first. */
export function createBoundedMap<K, V>(capacity: number): BoundedMap<K, V> {
  const half = Math.max(1, Math.floor(capacity / 2))
  let young = new Map<K, V>()
  let old = new Map<K, V>()
  const promote = (key: K, value: V): void => {
    if (young.size >= half) {
      old = young
      young = new Map()
    }
    young.set(key, value)
  }
  return {
    get(key) {
      const v = young.get(key)
      if (v !== undefined || old.size === 0) return v
      const o = old.get(key)
      if (o !== undefined) {
        old.delete(key)
        promote(key, o)
      }
      return o
    },
    set(key, value) {
      if (young.has(key)) {
        young.set(key, value)
        return
      }
      old.delete(key)
      promote(key, value)
    },
    delete(key) {
      if (!young.delete(key)) old.delete(key)
    },
    get size() {
      return young.size + old.size
    },
    *entries() {
      yield* old.entries()
      yield* young.entries()
    },
  }
}
