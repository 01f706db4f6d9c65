// A Map with a capacity: the least recently used key is evicted first, so per-entity windows stay bounded
// however many distinct addresses arrive.

export interface BoundedMap<K, V> {
  get(key: K): V | undefined
  set(key: K, value: V): void
  delete(key: K): void
  readonly size: number
  entries(): IterableIterator<[K, V]>
}

/**
 * Creates a map holding at most `capacity` keys. With `touch` (default) it evicts the least recently
 * used key; without, the oldest inserted (cheaper reads, for caches where recency matters little).
 */
export function createBoundedMap<K, V>(capacity: number, touch = true): BoundedMap<K, V> {
  const map = new Map<K, V>()
  return {
    get(key) {
      const v = map.get(key)
      if (touch && v !== undefined) {
        // Re-insert to mark as most recently used (Map keeps insertion order).
        map.delete(key)
        map.set(key, v)
      }
      return v
    },
    set(key, value) {
      map.delete(key)
      map.set(key, value)
      if (map.size > capacity) {
        const oldest = map.keys().next()
        if (!oldest.done) map.delete(oldest.value)
      }
    },
    delete(key) {
      map.delete(key)
    },
    get size() {
      return map.size
    },
    entries() {
      return map.entries()
    },
  }
}
