// Binds the contract to Electron's IPC: checks the sender frame, then calls dispatch. Nothing else happens
// here, so the E2E binding (which calls the same dispatch) exercises everything but the transport.
import type { BrowserWindow, IpcMain, WebFrameMain } from 'electron'
import { CALL_NAMES, channelOf, type Result } from '../shared/contract'
import type { CallContext, Dispatch } from './core/dispatch'

export interface IpcBinding {
  dispose(): void
}

/** Registers one handler per call of the contract; `isTrusted` decides on the sender frame first. */
export function bindIpc(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  context: () => CallContext,
  isTrusted: (frame: WebFrameMain | null) => boolean,
  onRefused: (channel: string, url: string) => void,
): IpcBinding {
  for (const name of CALL_NAMES) {
    const channel = channelOf(name, 'call')
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      const frame = event.senderFrame
      if (!isTrusted(frame)) {
        onRefused(channel, frame?.url ?? '(no frame)')
        return { ok: false, error: { code: 'forbidden', message: 'unknown sender' } }
      }
      return dispatch(name, payload, context())
    })
  }
  return {
    dispose() {
      for (const name of CALL_NAMES) ipcMain.removeHandler(channelOf(name, 'call'))
    },
  }
}

/** Sends a push event to every live window (the one emit path ends here in the app). */
export function sendToWindows(
  windows: () => readonly BrowserWindow[],
  channel: string,
  payload: unknown,
): void {
  for (const w of windows()) {
    if (!w.isDestroyed() && !w.webContents.isDestroyed()) w.webContents.send(channel, payload)
  }
}
