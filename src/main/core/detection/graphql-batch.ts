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

// A query nested through a cycle of relations, `me { account { orders { account { orders { … } } } } }`:
// each level multiplies the rows the server loads, so a few hundred bytes make it walk millions (a
// denial of service, and the shape of a depth-limit probe). Real clients ask a tree: a view's query is a
// few levels deep and names a field once along any path. A path ten selection sets deep on which one
// field opens a set three times is the cycle walked on purpose.

/** Selection sets nested inside one another that make a query deep. */
export const MIN_NESTED_DEPTH = 10
/** Times one field opens a selection set along one path that make a cycle. */
export const MIN_CYCLE_REPEATS = 3

export interface DeepNestingHit {
  readonly index: number
  readonly field: string
  readonly depth: number
  readonly repeats: number
}

/** The first path of a GraphQL document (decoded) nested deep through a repeated field, or null. */
export function findCyclicNesting(decoded: string): DeepNestingHit | null {
  // cheap test: enough opening braces at all
  let braces = 0
  for (
    let i = decoded.indexOf('{');
    i >= 0 && braces < MIN_NESTED_DEPTH;
    i = decoded.indexOf('{', i + 1)
  )
    braces++
  if (braces < MIN_NESTED_DEPTH) return null
  const path: string[] = []
  let name = ''
  let nameEnd = -1
  let paren = 0
  const n = Math.min(decoded.length, 100_000)
  for (let i = 0; i < n; i++) {
    const c = decoded.charCodeAt(i)
    if (c === 0x22 /* " */) {
      // a string argument: skip to its closing quote (block strings too)
      const block = decoded.startsWith('"""', i)
      const close = block ? decoded.indexOf('"""', i + 3) : stringEnd(decoded, i + 1)
      if (close < 0) return null
      i = close + (block ? 2 : 0)
      continue
    }
    if (c === 0x28 /* ( */) paren++
    else if (c === 0x29 /* ) */) paren = Math.max(0, paren - 1)
    else if (paren > 0) continue
    else if (isNameChar(c)) {
      if (nameEnd !== i - 1 || name === '') name = ''
      name += decoded[i]
      nameEnd = i
    } else if (c === 0x7b /* { */) {
      const field = name
      path.push(field)
      if (path.length >= MIN_NESTED_DEPTH && field !== '') {
        let repeats = 0
        for (const f of path) if (f === field) repeats++
        if (repeats >= MIN_CYCLE_REPEATS)
          return { index: Math.max(0, i - field.length), field, depth: path.length, repeats }
      }
      name = ''
    } else if (c === 0x7d /* } */) {
      path.pop()
      name = ''
    }
  }
  return null
}

function isNameChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f
  )
}

/** The index of the quote closing a string whose text starts at `from` (backslash escapes), or -1. */
function stringEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c === 0x5c /* \ */) i++
    else if (c === 0x22) return i
  }
  return -1
}
