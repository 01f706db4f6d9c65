// Consumers that are an app's key rather than a person: Kong maps every copy of a mobile or web app to one
// consumer, and the requests its users make before they log in (the app's configuration, public pages)
// carry that consumer with no session of their own. token-spread.ts learns which consumers these are when
// their requests carry several people's sessions at once, so that the deployment is known to log sessions,
// and notes them here; the stuffing pools then read such a request without a session as anonymous, as they
// read one no consumer made. An app's key recognised only by its logins naming several accounts is not
// noted: where sessions are not logged, a request without one says nothing about who made it.
import { createBoundedMap } from '../bounded-map'

/** The consumers found to be apps' shared keys (bounded: the oldest forgotten first). */
export class AppKeys {
  private readonly keys = createBoundedMap<string, true>(4_096)

  note(consumer: string): void {
    this.keys.set(consumer, true)
  }

  has(consumer: string): boolean {
    return this.keys.get(consumer) === true
  }

  get size(): number {
    return this.keys.size
  }
}
