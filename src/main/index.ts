// Electron's main process: lifecycle and windows. The security policy lives in security-policy.ts and is
// only applied here; the app itself is core/app.ts. This is the one place that composes everything and
// owns disposal.
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron'
import { readFile } from 'node:fs/promises'
import path, { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import workerPath from './core/detection/worker?modulePath'
import { createVigilCore, type VigilCore } from './core/app'
import type { DetectorWorker } from './core/detection/detector-host'
import { bindIpc, sendToWindows, type IpcBinding } from './ipc'
import {
  APP_ORIGIN,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  applySecurityPolicy,
  isTrustedSender,
  resolveAppRequest,
  secureWebPreferences,
} from './security-policy'

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined

// Must run before 'ready': the app scheme is standard and secure, so the renderer gets a real origin.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])

let core: VigilCore | null = null
let ipc: IpcBinding | null = null
let mainWindow: BrowserWindow | null = null

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#0f1217',
    title: 'Vigil',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.js')),
  })
  win.once('ready-to-show', () => win.show())
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadURL(`${APP_ORIGIN}/index.html`)
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null
  })
  return win
}

async function boot(): Promise<void> {
  const home = process.env['VIGIL_HOME'] ?? app.getPath('userData')
  const resourcesDir = app.isPackaged
    ? join(process.resourcesPath, 'resources')
    : join(app.getAppPath(), 'resources')
  const rendererRoot = join(__dirname, '../renderer')

  applySecurityPolicy({
    app,
    session: session.defaultSession,
    log: (m) => core?.log.log('warn', m),
  })
  protocol.handle(APP_SCHEME, async (request) => {
    const answer = resolveAppRequest(request.url, rendererRoot, path)
    if (answer.kind === 'refuse') return new Response(null, { status: answer.status })
    try {
      return new Response(await readFile(answer.path), { headers: answer.headers })
    } catch {
      return new Response(null, { status: 404 })
    }
  })

  core = createVigilCore({
    home,
    resourcesDir,
    version: app.getVersion(),
    spawnDetector: () => new Worker(workerPath) as unknown as DetectorWorker,
  })
  ipc = bindIpc(
    ipcMain,
    core.dispatch,
    // Until operators sign in (roadmap), the local OS user acts with every role.
    () => ({ actor: core?.actor ?? 'local:unknown', role: 'admin' }),
    (frame) => isTrustedSender(frame, devServerUrl),
    (channel, url) =>
      core?.log.log('warn', 'IPC call refused from an unknown sender', { channel, url }),
  )
  core.onEvent((channel, payload) =>
    sendToWindows(() => BrowserWindow.getAllWindows(), channel, payload),
  )
  await core.start()
  mainWindow = createWindow()
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    }
  })
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', (e) => {
    if (!core) return
    e.preventDefault()
    const c = core
    core = null
    ipc?.dispose()
    void c.dispose().finally(() => app.quit())
  })
  app.whenReady().then(boot, (err: unknown) => {
    console.error('Vigil failed to start:', err instanceof Error ? err.message : err)
    app.exit(1)
  })
}
