// Exposes the contract as named functions on window.vigil, nothing else: no generic invoke, no ipcRenderer.
// Built as one CommonJS file, as a sandboxed preload requires.
import { contextBridge, ipcRenderer } from 'electron'
import { createVigilApi } from '../shared/api'

const api = createVigilApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (channel, listener) => {
    // Drop Electron's event: it carries `sender`, which the page must never hold.
    const handler = (_event: unknown, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, handler)
    return () => {
      ipcRenderer.removeListener(channel, handler)
    }
  },
})

contextBridge.exposeInMainWorld('vigil', api)
