// Messages between the E2E fixture and the core host process (core-host.ts), typed in one place.
import type { Result } from '../../src/shared/contract'
import type { Role } from '../../src/shared/model'
import type { IngestResult, Store } from '../../src/main/core/store/store'

export type IngestInput = Parameters<Store['ingest']>[0]

export type ToHost =
  | {
      readonly type: 'call'
      readonly seq: number
      readonly name: string
      readonly payload: unknown
      readonly ctx: { readonly actor: string; readonly role: Role }
    }
  /** Stores findings directly (hostile input the demo would never produce); the incidents are pushed. */
  | { readonly type: 'ingest'; readonly seq: number; readonly input: IngestInput }
  | { readonly type: 'dispose'; readonly seq: number }

export type FromHost =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'event'; readonly channel: string; readonly payload: unknown }
  | { readonly type: 'result'; readonly seq: number; readonly value: Result<unknown> }
  | { readonly type: 'ingested'; readonly seq: number; readonly value: IngestResult }
  | { readonly type: 'disposed'; readonly seq: number }
  | { readonly type: 'error'; readonly seq: number; readonly message: string }
