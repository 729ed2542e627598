import { BrowserWindow, session, type Event, type WebContentsWillNavigateEventParams } from 'electron'
import { authPartition, type AuthWindowHandle, type AuthWindowRequest } from '../capture/auth-window'
import { authNavigation } from '../capture/redirect-target'
import { authWindowOptions } from './window-options'

/** Web contents of open auth windows: the app-wide navigation lock leaves these to us. */
const authContents = new Set<number>()
export const isAuthWindowContents = (id: number): boolean => authContents.has(id)

/**
 * The optional in-app login window (RFC 8252 §8.12 advises against it; some providers refuse
 * it). Each run gets its own in-memory session partition, so every run starts logged out,
 * which is how a tester switches test users. The window follows http(s) pages only and stops
 * at the redirect URI, handing it to the inbox instead of loading it.
 */
export function openAuthWindow(request: AuthWindowRequest, parent?: BrowserWindow): AuthWindowHandle {
  // No "persist:" prefix: the session lives in memory and dies with the run.
  const partition = session.fromPartition(authPartition(request.runId))
  partition.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  partition.setPermissionCheckHandler(() => false)

  const win = new BrowserWindow(authWindowOptions(partition, parent))
  const contents = win.webContents
  authContents.add(contents.id)
  let caught = false

  const onNavigate = (details: Event<WebContentsWillNavigateEventParams>): void => {
    const decision = authNavigation(details.url, request.redirectUri)
    if (decision === 'allow') return
    details.preventDefault()
    if (decision === 'capture' && details.isMainFrame && !caught) {
      caught = true
      request.deliver(details.url)
      win.close()
    }
  }
  contents.on('will-navigate', onNavigate)
  contents.on('will-redirect', onNavigate)
  contents.on('will-frame-navigate', (details) => {
    if (authNavigation(details.url, request.redirectUri) === 'deny') details.preventDefault()
  })
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())

  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    authContents.delete(contents.id)
    void partition.clearStorageData().catch(() => undefined)
    if (!caught) request.closed()
  })
  void win.loadURL(request.authorizeUrl)

  return {
    close() {
      if (!win.isDestroyed()) win.close()
    },
  }
}
