import { deepLinkTarget } from './deep-link'

/**
 * Is this navigation the redirect back to the client? Matched on scheme, host, port and path
 * exactly (RFC 6749 §3.1.2, RFC 8252 §8.10); query and fragment are the response and are not
 * compared. A prefix match would take an intermediate hop that happens to carry `code` for
 * the callback; an exact one does not.
 */
export function matchesRedirectUri(url: unknown, redirectUri: string): boolean {
  if (typeof url !== 'string' || url.length > 16_384) return false
  const expected = parseHttp(redirectUri)
  if (expected) {
    const actual = parseHttp(url)
    return actual !== undefined && actual.username === '' && actual.password === '' && actual.origin === expected.origin && actual.pathname === expected.pathname
  }
  if (/^https?:/i.test(url)) return false
  const want = deepLinkTarget(redirectUri)
  return want !== undefined && deepLinkTarget(url) === want
}

/** What the in-app auth window does with a navigation. */
export type AuthNavigation = 'capture' | 'allow' | 'deny'

/**
 * The in-app auth window follows the authorization server's pages (http and https only) and
 * stops at the redirect URI, which it hands to the inbox instead of loading. Anything else
 * (`file:`, `javascript:`, another app's scheme) is refused.
 */
export function authNavigation(url: unknown, redirectUri: string): AuthNavigation {
  if (matchesRedirectUri(url, redirectUri)) return 'capture'
  const parsed = typeof url === 'string' ? parseHttp(url) : undefined
  return parsed && parsed.username === '' && parsed.password === '' ? 'allow' : 'deny'
}

function parseHttp(text: string): URL | undefined {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined
  } catch {
    return undefined
  }
}
