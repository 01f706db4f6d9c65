// The detection worker's protocol: batches in, findings out. The worker never touches the database or the
// network; what it must keep (model snapshots) it hands to main, which stores it.
import type { Finding, MinuteCounter } from '../../../shared/model'
import type { RawBatch } from '../sources/source'

export interface RuleSource {
  /** File the rule came from, for error messages. */
  readonly file: string
  readonly text: string
}

export interface BatchStats {
  readonly records: number
  readonly malformed: number
  /** First few malformed-line reasons, for the summary and the source's health. */
  readonly malformedSamples: readonly { readonly line: number; readonly reason: string }[]
  readonly durationMs: number
  /** Requests per category in this batch (a request counts once per category). */
  readonly byCategory: Readonly<Record<string, number>>
  /** Requests per minute bucket (epoch ms of the minute start), for the timeline. */
  readonly perMinute: readonly {
    readonly minute: number
    readonly requests: number
    readonly byCategory: Readonly<Record<string, number>>
  }[]
  /** Findings below the print threshold, counted by category (stay in summaries). */
  readonly suppressed: Readonly<Record<string, number>>
  /** The time budget ran out on some records: they were only partly inspected. */
  readonly overBudget: number
}

export type ToWorker =
  | {
      readonly type: 'init'
      readonly rules: readonly RuleSource[]
      readonly modelSnapshot: string | null
      /** Proxies in front of the gateway whose X-Forwarded-For is believed (addresses, CIDR blocks). */
      readonly trustedProxies?: readonly string[]
      /** Inspection time per record (see EngineOptions.recordBudgetMs); the engine's default without. */
      readonly recordBudgetMs?: number
    }
  | { readonly type: 'batch'; readonly seq: number; readonly batch: RawBatch }
  | { readonly type: 'rules'; readonly seq: number; readonly rules: readonly RuleSource[] }
  | { readonly type: 'snapshot'; readonly seq: number }
  /** Ends a timeline (RawBatch.timeline): its open windows are closed and forgotten. */
  | { readonly type: 'flush'; readonly seq: number; readonly timeline: string }

export type FromWorker =
  | { readonly type: 'ready'; readonly ruleCount: number }
  | {
      readonly type: 'result'
      readonly seq: number
      readonly findings: readonly Finding[]
      readonly counters: readonly MinuteCounter[]
      readonly stats: BatchStats
    }
  | { readonly type: 'rules-loaded'; readonly seq: number; readonly ruleCount: number }
  | { readonly type: 'snapshot'; readonly seq: number; readonly snapshot: string }
  | { readonly type: 'failed'; readonly seq: number; readonly message: string }
  | {
      readonly type: 'log'
      readonly level: 'debug' | 'info' | 'warn' | 'error'
      readonly message: string
    }
