// A 32-bit FNV-1a hash of a string: the detectors keep these instead of the secrets and names they count
// (an API key, a password tried, an account name), enough to tell a few apart in one window and no copy
// of the value itself.

/** FNV-1a over the first `limit` UTF-16 code units of `text`, as an unsigned 32-bit number. */
export function fnv1a32(text: string, limit = Infinity): number {
  let h = 0x811c9dc5
  const n = Math.min(text.length, limit)
  for (let i = 0; i < n; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return h >>> 0
}
