// zod schemas of every call's input, and the role each call needs. Used by dispatch in main; the type
// check below fails the build if a schema and the contract's input type disagree.
import { z } from 'zod'
import type { CallInput, CallName } from './contract'
import { INCIDENT_STATUSES, type Role } from './model'

const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:-]+$/, 'ids are letters, digits and . _ : -')
const empty = z.strictObject({})

/** Input schemas. Strict objects: an unknown key is an error, so nothing unvalidated reaches the core. */
export const callSchemas = {
  'app.info': empty,
  'overview.get': z.strictObject({
    timelineMinutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  }),
  'incidents.list': z.strictObject({
    limit: z.number().int().min(1).max(1000),
    status: z.enum(INCIDENT_STATUSES).optional(),
    beforeUpdatedAt: z.number().int().nonnegative().optional(),
  }),
  'incidents.get': z.strictObject({ id }),
  'incidents.setStatus': z.strictObject({
    id,
    status: z.enum(INCIDENT_STATUSES),
    reason: z.string().trim().min(1).max(2000),
  }),
  'sources.health': empty,
  'rules.status': empty,
} satisfies { [K in CallName]: z.ZodType<CallInput<K>> }

/** Which role may make each call. Checked in dispatch, so every transport gets it. */
export const callRoles: { readonly [K in CallName]: Role } = {
  'app.info': 'viewer',
  'overview.get': 'viewer',
  'incidents.list': 'viewer',
  'incidents.get': 'viewer',
  'incidents.setStatus': 'responder',
  'sources.health': 'viewer',
  'rules.status': 'viewer',
}
