// The E2E page's stand-in for preload: builds window.vigil with the same createVigilApi preload uses, over
// a transport of two page globals. The fixture bundles this file to an IIFE and adds it as an init script,
// so it runs before the app's own scripts, outside the page's CSP.
//   __vigilInvoke(channel, payload)  exposed by the fixture (page.exposeBinding) → the core's dispatch
//   __vigilEmit(channel, payload)    called by the fixture for every push event of the core
import { createVigilApi, type Transport } from '../../src/shared/api'

type Listener = (payload: unknown) => void

interface BridgeGlobal {
  __vigilInvoke?: (channel: string, payload: unknown) => Promise<unknown>
  __vigilEmit?: (channel: string, payload: unknown) => void
  vigil?: unknown
}

const page = globalThis as unknown as BridgeGlobal
const listeners = new Map<string, Set<Listener>>()

const transport: Transport = {
  invoke(channel, payload) {
    const invoke = page.__vigilInvoke
    if (!invoke) return Promise.reject(new Error('the E2E binding __vigilInvoke is missing'))
    return invoke(channel, payload)
  },
  subscribe(channel, listener) {
    let set = listeners.get(channel)
    if (!set) listeners.set(channel, (set = new Set()))
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  },
}

Object.defineProperty(page, '__vigilEmit', {
  value: (channel: string, payload: unknown): void => {
    for (const listener of [...(listeners.get(channel) ?? [])]) {
      try {
        listener(payload)
      } catch (err) {
        // Rethrown outside the fixture's evaluate, so it surfaces as a pageerror and fails the test.
        setTimeout(() => {
          throw err
        })
      }
    }
  },
})

Object.defineProperty(page, 'vigil', { value: createVigilApi(transport), enumerable: true })
