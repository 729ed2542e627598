import { Menu, dialog, nativeTheme, shell, type App, type BrowserWindow } from 'electron'
import { APP_VERSION } from '../version'
import { aboutDetail } from './about'
import { menuTemplate } from './app-menu'

const DOCS_URL = 'https://github.com/oauth-flow-tester/oauth-flow-tester#readme'

/** The standard application menu, with About and the documentation link. */
export function installMenu(app: App, window: () => BrowserWindow | undefined): void {
  const about = (): void => {
    const options = {
      type: 'info' as const,
      title: `About ${app.name}`,
      message: `${app.name} ${APP_VERSION}`,
      detail: aboutDetail(APP_VERSION, process.versions, process.platform, process.arch),
      buttons: ['OK'],
    }
    const parent = window()
    void (parent ? dialog.showMessageBox(parent, options) : dialog.showMessageBox(options))
  }
  const template = menuTemplate(process.platform, app.name, { about, openDocs: () => void shell.openExternal(DOCS_URL) }, !app.isPackaged)
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
  app.setAboutPanelOptions({ applicationName: app.name, applicationVersion: APP_VERSION, version: process.versions.electron ?? '' })
}

/** Light and dark follow the OS; the window's first paint matches it (no white flash). */
export function backgroundColor(): string {
  nativeTheme.themeSource = 'system'
  return nativeTheme.shouldUseDarkColors ? '#14171c' : '#f6f7f9'
}
