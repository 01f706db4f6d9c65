// One path for every call: validate the payload (zod, strict), check the role, run the handler, return a
// typed Result. ipc.ts adds only the sender check; the E2E binding calls this same function.
import {
  type CallError,
  type CallInput,
  type CallName,
  type CallOutput,
  type ErrorCode,
  type Result,
} from '../../shared/contract'
import { callRoles, callSchemas } from '../../shared/call-schemas'
import type { Role } from '../../shared/model'

export interface CallContext {
  /** `local:<os user>` until operators sign in. */
  readonly actor: string
  readonly role: Role
}

export type Handlers = {
  readonly [K in CallName]: (
    input: CallInput<K>,
    ctx: CallContext,
  ) => Promise<CallOutput<K>> | CallOutput<K>
}

/** An error a handler throws on purpose; its code and message reach the renderer. Anything else is 'internal'. */
export class CallFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message)
  }
}

const ROLE_RANK: Readonly<Record<Role, number>> = { viewer: 0, responder: 1, admin: 2 }
const MAX_PAYLOAD_CHARS = 64 * 1024

export type Dispatch = (
  name: string,
  payload: unknown,
  ctx: CallContext,
) => Promise<Result<unknown>>

const fail = (code: ErrorCode, message: string): { ok: false; error: CallError } => ({
  ok: false,
  error: { code, message },
})

function isCallName(name: string): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(callSchemas, name)
}

/** Rough size of a payload without serialising hostile input in full (bails out past the limit). */
function exceedsSize(value: unknown, limit: number): boolean {
  let budget = limit
  const stack: unknown[] = [value]
  let nodes = 0
  while (stack.length > 0) {
    const v = stack.pop()
    if (++nodes > 10_000) return true
    if (typeof v === 'string') budget -= v.length
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        budget -= k.length
        stack.push(child)
      }
    } else budget -= 8
    if (budget < 0) return true
  }
  return false
}

/** Creates the dispatcher over a full set of handlers; `onInternalError` logs what the renderer must not see. */
export function createDispatch(
  handlers: Handlers,
  onInternalError: (name: string, err: unknown) => void,
): Dispatch {
  return async (name, payload, ctx) => {
    if (!isCallName(name)) return fail('unknown-call', 'unknown call')
    if (exceedsSize(payload, MAX_PAYLOAD_CHARS)) return fail('invalid-input', 'payload too large')
    const parsed = callSchemas[name].safeParse(payload)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : ''
      return fail('invalid-input', `${where}${issue?.message ?? 'invalid input'}`.slice(0, 300))
    }
    if (ROLE_RANK[ctx.role] < ROLE_RANK[callRoles[name]]) {
      return fail('forbidden', `${name} needs the ${callRoles[name]} role`)
    }
    try {
      const handler = handlers[name] as (i: unknown, c: CallContext) => unknown
      return { ok: true, value: await handler(parsed.data, ctx) }
    } catch (err) {
      if (err instanceof CallFailure) return fail(err.code, err.message)
      onInternalError(name, err)
      return fail('internal', 'internal error; see the app log')
    }
  }
}
