/** The privileged scheme the renderer is served from (not the OS deep-link scheme). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'oft'
export const APP_ENTRY = `${APP_SCHEME}://${APP_HOST}/index.html`

/** True for URLs of the app's own pages. Parsed, never compared with startsWith. */
export function isAppUrl(url: string | undefined): boolean {
  if (url === undefined || url === '') return false
  try {
    const parsed = new URL(url)
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
  } catch {
    return false
  }
}
