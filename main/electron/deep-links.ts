import type { App } from 'electron'
import { resolve } from 'node:path'
import { findDeepLink, protocolClientRegistration } from '../capture/deep-link'
import type { PendingLinks } from '../capture/pending-links'

/**
 * Where the OS hands the app its deep links (RFC 8252 §7.1). macOS fires `open-url`, possibly
 * before `ready`, so this runs at the top level of main; Windows and Linux start a second
 * instance whose argv carries the link, and the single-instance lock turns that into
 * `second-instance` here. A cold start carries it in our own argv. Every link waits in
 * `pending` until the window can show what became of it.
 */
export function listenForDeepLinks(app: App, pending: PendingLinks, onSecondInstance: () => void): void {
  app.on('open-url', (event, url) => {
    event.preventDefault()
    pending.offer(url)
  })
  app.on('second-instance', (_event, argv) => {
    onSecondInstance()
    const url = findDeepLink(argv)
    if (url !== undefined) pending.offer(url)
  })
  const coldStart = findDeepLink(process.argv)
  if (coldStart !== undefined) pending.offer(coldStart)
}

/** Registers the scheme with the OS at run time, in development too (see deep-link.ts). */
export function registerScheme(app: App): string {
  const argv1 = process.argv[1]
  const registration = protocolClientRegistration({
    platform: process.platform,
    defaultApp: process.defaultApp === true,
    execPath: process.execPath,
    ...(argv1 !== undefined && { appPath: resolve(argv1) }),
  })
  if (!registration.register) return registration.reason
  const done = app.setAsDefaultProtocolClient(registration.scheme, registration.path, registration.args)
  return done ? `Registered ${registration.scheme}: with the OS.` : `The OS refused to register ${registration.scheme}:.`
}
