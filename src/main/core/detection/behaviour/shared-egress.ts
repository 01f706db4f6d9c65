// Addresses many accounts come from: a corporate or school proxy, a cloud security service's egress, a
// carrier's NAT, an office's gateway. A credential seen from such an address is its holder behind the
// shared egress, not a thief's host, which carries the stolen credential and rarely anyone else's. The
// credential-spread and funding-change detectors ask this before they count an address as new.
import { createBoundedMap } from '../bounded-map'
import type { RequestRecord } from '../request-record'

/** Distinct accounts an address must have carried to count as shared egress. */
export const SHARED_EGRESS_ACCOUNTS = 3

export interface SharedEgress {
  /** Notes the account (consumer) a request came from at its address. */
  see(r: RequestRecord): void
  /** True when the address has carried several accounts. */
  shared(ip: string): boolean
  readonly size: number
}

export function createSharedEgress(maxAddresses = 200_000): SharedEgress {
  // address → the first few accounts seen from it
  const accounts = createBoundedMap<string, string[]>(maxAddresses)
  return {
    get size() {
      return accounts.size
    },
    see(r) {
      if (r.ip === null || r.consumer === null || r.consumer === '') return
      const seen = accounts.get(r.ip)
      if (!seen) accounts.set(r.ip, [r.consumer])
      else if (seen.length < SHARED_EGRESS_ACCOUNTS && !seen.includes(r.consumer))
        seen.push(r.consumer)
    },
    shared(ip) {
      return (accounts.get(ip)?.length ?? 0) >= SHARED_EGRESS_ACCOUNTS
    },
  }
}
