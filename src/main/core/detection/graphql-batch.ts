// GraphQL aliases let one request call the same field many times (`a1: verifyOtp(code: "000001") a2:
// verifyOtp(code: "000002") …`), so a brute force of a one-time code, a login or a voucher fits in one
// request, under any per-request rate limit. Dashboards alias queries the same way (twenty symbols' quotes
// in one request), so only mutations count: many aliased calls of one mutation field in a request.
const ALIAS_CALL = /\b[_a-z][_a-z0-9]{0,63}\s{0,8}:\s{0,8}([_a-z][_a-z0-9]{0,63})\s{0,8}\(/g
const MUTATION = /\bmutation\b/

/** Aliased calls of one field that make a batch. */
export const MIN_ALIASED_CALLS = 10

export interface AliasBatchHit {
  readonly index: number
  readonly field: string
  readonly calls: number
}

/** The first mutation field called MIN_ALIASED_CALLS times under aliases in a decoded value, or null. */
export function findAliasBatch(decoded: string): AliasBatchHit | null {
  const start = decoded.search(MUTATION)
  if (start < 0) return null
  const counts = new Map<string, number>()
  ALIAS_CALL.lastIndex = start
  let seen = 0
  for (let m = ALIAS_CALL.exec(decoded); m !== null && seen < 5000; m = ALIAS_CALL.exec(decoded)) {
    seen++
    const field = m[1] as string
    const n = (counts.get(field) ?? 0) + 1
    counts.set(field, n)
    if (n >= MIN_ALIASED_CALLS) return { index: start, field, calls: n }
  }
  return null
}
