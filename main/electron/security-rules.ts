import type { App, Session, Shell } from 'electron'
import { isAppUrl } from './app-origin'
import { isOpenableExternally } from './external-url'

/**
 * Rules applied to every web contents the app ever creates (Electron security checklist
 * items 5, 11–15): no navigation away from the app, no new windows (http(s) links go to the
 * system browser instead), no webviews, no permissions. The in-app auth window must browse
 * the provider's pages; `browsesOutside` names it, and it applies its own, narrower rules.
 */
export function applySecurityRules(app: App, session: Session, shell: Shell, browsesOutside: (contentsId: number) => boolean = () => false): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (!isAppUrl(event.url) && !browsesOutside(contents.id)) event.preventDefault()
    })
    contents.on('will-redirect', (event) => {
      if (!isAppUrl(event.url) && !browsesOutside(contents.id)) event.preventDefault()
    })
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      if (isOpenableExternally(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
  })
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
