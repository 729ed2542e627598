/**
 * The private-use URI scheme the operating system hands back to the app (RFC 8252 §7.1: a
 * reversed domain name we control, used with a single slash: `dev.oauthflowtester:/callback`).
 * Pure functions only: the Electron host and the web host's `--deliver` both use them.
 */

export const DEEP_LINK_SCHEME = 'dev.oauthflowtester'
/** The default deep-link redirect URI (registered in the embedded sandbox too). */
export const DEEP_LINK_REDIRECT_URI = `${DEEP_LINK_SCHEME}:/callback`

/** Longer arguments are not a redirect we could use (matches the callback parser's limit). */
const MAX_ARG_LENGTH = 16_384

/** True when `text` starts with our scheme (case-insensitive, as schemes are). */
export function isOurDeepLink(text: string, scheme = DEEP_LINK_SCHEME): boolean {
  return text.length > scheme.length && text.slice(0, scheme.length + 1).toLowerCase() === `${scheme.toLowerCase()}:`
}

/**
 * Finds the deep link in a command line, as Windows and Linux hand it to a (second) instance.
 * Chromium may add and reorder switches, so the link is searched for, never taken by position.
 * The app registers `… -- %1`: after a `--` every argument is positional, so the arguments
 * after the first `--` are searched first; before it only non-switch arguments count. A
 * switch that merely contains the scheme (`--x=dev.oauthflowtester:/…`) is never a link.
 */
export function findDeepLink(argv: readonly unknown[], scheme = DEEP_LINK_SCHEME): string | undefined {
  if (!Array.isArray(argv)) return undefined
  const args = argv.filter((a): a is string => typeof a === 'string')
  const separator = args.indexOf('--')
  const after = separator >= 0 ? args.slice(separator + 1) : []
  const before = (separator >= 0 ? args.slice(0, separator) : args).filter((a) => !a.startsWith('-'))
  for (const raw of [...after, ...before]) {
    if (raw.length > MAX_ARG_LENGTH) continue
    const arg = unquote(raw.trim())
    if (isOurDeepLink(arg, scheme)) return arg
  }
  return undefined
}

/** Some launchers keep the quotes of `"%1"`; a URL never starts and ends with them. */
function unquote(text: string): string {
  const first = text[0]
  return text.length >= 2 && (first === '"' || first === "'") && text.endsWith(first) ? text.slice(1, -1) : text
}

/**
 * The scheme, path and nothing else of a private-use URI, in one spelling: `scheme:/a/b`.
 * Browsers and launchers disagree on the form (`scheme:/callback`, `scheme://callback`,
 * `scheme:///callback`) and Windows may add a trailing slash (`scheme://callback/`); all of
 * these are the same redirect. Undefined when `text` is not a URI with a scheme.
 */
export function deepLinkTarget(text: string): string | undefined {
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):([^?#]*)/.exec(text)
  if (!match) return undefined
  const scheme = (match[1] as string).toLowerCase()
  const path = (match[2] as string).replace(/^\/+/, '').replace(/\/+$/, '')
  return `${scheme}:/${path}`
}

export interface ProtocolClientProcess {
  platform: string
  /** `process.defaultApp`: true when run as `electron <app path>` (development). */
  defaultApp?: boolean
  execPath: string
  /** `process.argv[1]` already resolved to an absolute path (the app folder in development). */
  appPath?: string
}

/** What to pass to `app.setAsDefaultProtocolClient(scheme, path, args)`, or why not to call it. */
export type ProtocolClientRegistration =
  | { register: true; scheme: string; path: string; args: string[] }
  | { register: false; reason: string }

/**
 * How the app registers its scheme at run time. The trailing `--` ends Chromium's switch
 * parsing, so a crafted link can never be read as a switch (CVE-2018-1000006), and Electron
 * refuses a URL argument not preceded by it on Windows. In development the OS must start the
 * Electron binary with the app folder, or it opens "unable to find Electron app".
 * On Linux the packaged `.desktop` entry declares the scheme (`MimeType`, `Exec … -- %u`);
 * Electron's run-time call goes through `xdg-settings`, which on some systems also makes the
 * app the default web browser, so it is skipped there.
 */
export function protocolClientRegistration(proc: ProtocolClientProcess, scheme = DEEP_LINK_SCHEME): ProtocolClientRegistration {
  if (proc.platform === 'linux') {
    return { register: false, reason: 'On Linux the installed desktop entry registers the scheme (x-scheme-handler).' }
  }
  if (proc.defaultApp) {
    if (!proc.appPath) return { register: false, reason: 'Development run without an app path: the OS could not start it.' }
    return { register: true, scheme, path: proc.execPath, args: [proc.appPath, '--'] }
  }
  return { register: true, scheme, path: proc.execPath, args: ['--'] }
}
