// GraphQL aliases let one request call the same field many times (`a1: verifyOtp(code: "000001") a2:
// verifyOtp(code: "000002") …`), so a brute force of a one-time code, a login or a voucher fits in one
// request, under any per-request rate limit. Dashboards alias queries the same way (twenty symbols' quotes
// in one request), so only mutations count: many aliased calls of one mutation field in a request. A
// mutation that takes a password or a one-time code is guessing from its fourth aliased call: nobody logs
// in four times in one request.
const ALIAS_CALL =
  /\b[_a-z][_a-z0-9]{0,63}\s{0,8}:\s{0,8}([_a-z][_a-z0-9]{0,63})\s{0,8}\(([^()]{0,1024})\)?/g
const MUTATION = /\bmutation\b/
// An argument that carries a secret: a password, a PIN, a one-time or verification code.
const SECRET_ARG =
  /(?:^|[\s,{(])(?:password|passwd|passphrase|passcode|pin|otp|totp|(?:otp|mfa|2fa|totp|sms|one_?time|verification|auth)_?code)\s{0,8}:/

/** Aliased calls of one field that make a batch. */
export const MIN_ALIASED_CALLS = 10
/** Aliased calls of one field taking a secret that make a batch. */
export const MIN_ALIASED_SECRET_CALLS = 4

export interface AliasBatchHit {
  readonly index: number
  readonly field: string
  readonly calls: number
}

/** The first mutation field called often enough under aliases in a decoded value, or null. */
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
    const secret = m[2] !== undefined && SECRET_ARG.test(m[2])
    if (n >= (secret ? MIN_ALIASED_SECRET_CALLS : MIN_ALIASED_CALLS))
      return { index: start, field, calls: n }
  }
  return null
}
