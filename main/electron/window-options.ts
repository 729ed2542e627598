import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebPreferences } from 'electron'

/**
 * The preferences every window of the app gets. Every security-relevant one is spelled out,
 * even where it is Electron's default, so the hardening tests read exactly what the host uses.
 */
export const LOCKED_DOWN: Readonly<WebPreferences> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
}

/** The main window's options, as a plain object for the hardening tests. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'OAuth Flow Tester',
    autoHideMenuBar: false,
    webPreferences: { ...LOCKED_DOWN, preload: preloadPath },
  }
}

/**
 * The in-app auth window: a plain browser for the provider's pages, with no preload (the
 * provider's page never gets `window.tester`) and its own session partition.
 */
export function authWindowOptions(partition: Session, parent?: BrowserWindow): BrowserWindowConstructorOptions {
  return {
    width: 520,
    height: 720,
    show: false,
    title: 'Sign in · OAuth Flow Tester',
    autoHideMenuBar: true,
    ...(parent && { parent }),
    webPreferences: { ...LOCKED_DOWN, session: partition },
  }
}
