/**
 * The Electron host: lifecycle, one window, security rules, the contract over IPC. Everything
 * it hosts is the same service the web host runs; only what needs Electron lives here.
 */
import { BrowserWindow, app, ipcMain, protocol, safeStorage, session, shell } from 'electron'
import { fileURLToPath } from 'node:url'
import { EVENT_CHANNEL } from '../../shared/contract/names'
import { PendingLinks } from '../capture/pending-links'
import { createService, type Service } from '../service'
import { APP_VERSION } from '../version'
import { systemClock } from '../clock'
import { APP_ENTRY } from './app-origin'
import { APP_SCHEME_PRIVILEGES, serveRenderer } from './app-protocol'
import { isAuthWindowContents, openAuthWindow } from './auth-window'
import { listenForDeepLinks, registerScheme } from './deep-links'
import { isOpenableExternally } from './external-url'
import { backgroundColor, installMenu } from './desktop'
import { desktopStorage } from './desktop-storage'
import { bindContract } from './ipc'
import { applySecurityRules } from './security-rules'
import { mainWindowOptions } from './window-options'
import { WindowStateKeeper } from './window-state'

const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url))
const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url))

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
// Tests give each launch its own profile directory; the single-instance lock follows it.
if (process.env.OFT_USER_DATA) app.setPath('userData', process.env.OFT_USER_DATA)

let mainWindow: BrowserWindow | undefined
let service: Service | undefined
/** Deep links wait here until the window can show what became of them. */
const deepLinks = new PendingLinks()

if (!app.requestSingleInstanceLock()) {
  // The running instance got our argv (and its deep link) through `second-instance`.
  app.quit()
} else {
  // Before `ready`: macOS may deliver `open-url` while the app is still starting.
  listenForDeepLinks(app, deepLinks, () => {
    if (mainWindow?.isMinimized()) mainWindow.restore()
    mainWindow?.focus()
  })
  void app.whenReady().then(start)
}

async function start(): Promise<void> {
  serveRenderer(protocol, rendererDir)
  applySecurityRules(app, session.defaultSession, shell, isAuthWindowContents)
  console.log(registerScheme(app))
  service = createService({
    // Profiles and the vault live in userData (tests point it elsewhere with OFT_USER_DATA).
    storage: desktopStorage(app.getPath('userData'), safeStorage, systemClock),
    host: 'electron',
    version: APP_VERSION,
    versions: {
      electron: process.versions.electron ?? '',
      chrome: process.versions.chrome ?? '',
      node: process.versions.node,
    },
    async openBrowser(url) {
      if (!isOpenableExternally(url)) throw new Error('only http(s) URLs are opened in the browser')
      await shell.openExternal(url)
    },
    openAuthWindow: (request) => openAuthWindow(request, mainWindow),
  })
  installMenu(app, () => mainWindow)
  bindContract(ipcMain, service.dispatch, () => BrowserWindow.getAllWindows())
  service.events.subscribe((event) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(EVENT_CHANNEL, event)
  })
  createWindow()
}

function createWindow(): void {
  const state = new WindowStateKeeper()
  const { maximized, ...bounds } = state.initial()
  mainWindow = new BrowserWindow({ ...mainWindowOptions(preloadPath), ...bounds, backgroundColor: backgroundColor() })
  state.track(mainWindow)
  mainWindow.once('ready-to-show', () => {
    if (maximized) mainWindow?.maximize()
    mainWindow?.show()
  })
  // The renderer listens for events once loaded; only then can it show a deep link's fate.
  mainWindow.webContents.once('did-finish-load', () => {
    deepLinks.release((url) => void service?.inbox.deliver({ url, method: 'deep-link' }))
  })
  mainWindow.on('closed', () => {
    mainWindow = undefined
    deepLinks.hold()
  })
  void mainWindow.loadURL(APP_ENTRY)
}

app.on('window-all-closed', () => {
  app.quit()
})

let quitting = false
app.on('before-quit', (event) => {
  if (quitting || !service) return
  event.preventDefault()
  quitting = true
  void Promise.race([service.close(), new Promise((r) => setTimeout(r, 2000))]).finally(() => app.quit())
})
