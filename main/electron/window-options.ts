import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron'

/**
 * The main window's options, as a plain object so the hardening tests read exactly what the
 * host uses. Every security-relevant preference is spelled out, even where it is the default.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'OAuth Flow Tester',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
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
    },
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
    webPreferences: {
      session: partition,
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
    },
  }
}
