// GraphQL aliases let one request call the same field many times (`a1: verifyOtp(code: "000001") a2:
// verifyOtp(code: "000002") …`), so a brute force of a one-time code, a login or a voucher fits in one
// request, under any per-request rate limit. Dashboards alias queries the same way (twenty symbols' quotes
// in one request), so otherwise only mutations count: many aliased calls of one mutation field in a
// request. A field that takes a password or a one-time code is guessing from its fourth aliased call,
// mutation or query (some APIs check a code in a query field): nobody logs in four times in one request.
// A bare `code` argument is a secret only on a field named for checking one (verifyOtp, confirmPin…);
// elsewhere it is an instrument's or a country's code.
const ALIAS_CALL =
  /\b[_a-z][_a-z0-9]{0,63}\s{0,8}:\s{0,8}([_a-z][_a-z0-9]{0,63})\s{0,8}\(([^()]{0,1024})\)?/g
const MUTATION = /\bmutation\b/
// An argument that carries a secret: a password, a PIN, a one-time or verification code.
const SECRET_ARG =
  /(?:^|[\s,{(])(?:password|passwd|passphrase|passcode|pin|otp|totp|(?:otp|mfa|2fa|totp|sms|one_?time|verification|auth)_?code)\s{0,8}:/
const CODE_ARG = /(?:^|[\s,{(])code\s{0,8}:/
// A field that checks a secret: verifyOtp, checkPin, confirm2fa, validate_mfa_code, submitTotp, otp
// (matched on the lower-cased name, so `shipping` and `pinned` are no PIN fields).
const CODE_FIELD =
  /(?:^|_|verify|validate|confirm|check|submit|enter)(?:otp|totp|pin|mfa|2fa|passcode|sms|code)(?:$|_|code$)/

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
  const mutation = decoded.search(MUTATION)
  // Without a mutation only calls taking a secret count: a cheap test for an aliased call first.
  if (mutation < 0 && !/:\s{0,8}[_a-z][_a-z0-9]{0,63}\s{0,8}\(/.test(decoded)) return null
  const start = Math.max(0, mutation)
  const counts = new Map<string, number>()
  ALIAS_CALL.lastIndex = start
  let seen = 0
  for (let m = ALIAS_CALL.exec(decoded); m !== null && seen < 5000; m = ALIAS_CALL.exec(decoded)) {
    seen++
    const field = m[1] as string
    const args = m[2]
    const secret =
      args !== undefined &&
      (SECRET_ARG.test(args) || (CODE_FIELD.test(field) && CODE_ARG.test(args)))
    if (mutation < 0 && !secret) continue
    const n = (counts.get(field) ?? 0) + 1
    counts.set(field, n)
    if (n >= (secret ? MIN_ALIASED_SECRET_CALLS : MIN_ALIASED_CALLS))
      return { index: start, field, calls: n }
  }
  return null
}
