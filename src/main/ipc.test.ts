import type { IpcMain, WebFrameMain } from 'electron'
import { describe, expect, it, vi } from 'vitest'
import { CALL_NAMES, channelOf } from '../shared/contract'
import { bindIpc } from './ipc'
import { APP_ORIGIN, isTrustedSender } from './security-policy'

function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>()
  const ipc = {
    handle: (ch: string, h: (event: unknown, payload: unknown) => Promise<unknown>) =>
      handlers.set(ch, h),
    removeHandler: (ch: string) => handlers.delete(ch),
  } as unknown as IpcMain
  return { ipc, handlers }
}

describe('bindIpc', () => {
  it('registers one handler per call and removes them on dispose', () => {
    const { ipc, handlers } = fakeIpcMain()
    const b = bindIpc(
      ipc,
      vi.fn(),
      () => ({ actor: 'a', role: 'admin' }),
      () => true,
      () => undefined,
    )
    expect([...handlers.keys()].sort()).toEqual(CALL_NAMES.map((n) => channelOf(n, 'call')).sort())
    b.dispose()
    expect(handlers.size).toBe(0)
  })

  it('refuses a sender that is not our main frame before dispatch sees the payload', async () => {
    const { ipc, handlers } = fakeIpcMain()
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 1 }))
    const refused = vi.fn()
    bindIpc(
      ipc,
      dispatch,
      () => ({ actor: 'a', role: 'admin' }),
      (f) => isTrustedSender(f),
      refused,
    )
    const h = handlers.get(channelOf('incidents.list', 'call'))!
    const foreign = {
      senderFrame: { url: 'https://evil.example/', parent: null } as unknown as WebFrameMain,
    }
    const subframe = {
      senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: {} } as unknown as WebFrameMain,
    }
    expect(await h(foreign, { limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await h(subframe, { limit: 1 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(await h({ senderFrame: null }, { limit: 1 })).toMatchObject({ ok: false })
    expect(dispatch).not.toHaveBeenCalled()
    expect(refused).toHaveBeenCalledTimes(3)
    const own = {
      senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } as unknown as WebFrameMain,
    }
    expect(await h(own, { limit: 1 })).toEqual({ ok: true, value: 1 })
    expect(dispatch).toHaveBeenCalledWith(
      'incidents.list',
      { limit: 1 },
      { actor: 'a', role: 'admin' },
    )
  })
})
