// Requests a distributed pattern will name once their addresses have had time to show what they are: a
// customer who mistyped logs in a minute later, a holder who met the lock resets and signs in. The
// pattern queues each request it would name; settleMs after that request, the detector's judge says
// whether the address still looks like the attacker's, and those that do are named in one signal.
import type { BehaviourSignal, WindowRef } from './behaviour-signal'

interface Deferred<P> {
  readonly ref: WindowRef
  readonly due: number
  readonly payload: P
}

/** What a named signal says besides the requests it names. */
export type DeferredSignal = Omit<BehaviourSignal, 'at' | 'accomplices'>

export class DeferredNames<P> {
  /**
   * In order of queueing, nearly the order of due times (a pattern queues its window's older requests
   * first): read from the head up to the first request not yet due.
   */
  private readonly queue = new Map<string, Deferred<P>>()

  /** `max` bounds the queue however large the pattern (each attack's own naming is bounded too). */
  constructor(
    private readonly settleMs: number,
    private readonly max = 1_024,
  ) {}

  get size(): number {
    return this.queue.size
  }

  /** Queues `ref` under `key` (once per key while it waits), with what the signal will say of it. */
  add(key: string, ref: WindowRef, payload: P): void {
    if (this.queue.has(key) || this.queue.size >= this.max) return
    this.queue.set(key, { ref, due: ref.time + this.settleMs, payload })
  }

  /**
   * The signal naming the queued requests due by `now` that `keep` still names (the first as the one the
   * finding is about, the others as accomplices), described from the first one's payload; null for none.
   */
  settle(
    now: number,
    keep: (ref: WindowRef, payload: P) => boolean,
    describe: (payload: P) => DeferredSignal,
  ): BehaviourSignal | null {
    if (this.queue.size === 0) return null
    let named: Deferred<P>[] | null = null
    for (const [key, d] of this.queue) {
      if (d.due > now) break
      this.queue.delete(key)
      if (keep(d.ref, d.payload)) (named ??= []).push(d)
    }
    if (named === null) return null
    const [first, ...rest] = named as [Deferred<P>, ...Deferred<P>[]]
    return { ...describe(first.payload), at: first.ref, accomplices: rest.map((d) => d.ref) }
  }
}
