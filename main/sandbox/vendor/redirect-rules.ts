import type { RedirectPolicy } from './environments'

export type RedirectVerdict =
  | { ok: true }
  | { ok: false; reason: 'https-required' | 'scheme-not-approved' | 'trailing-slash' | 'query-in-uri' | 'not-whitelisted'; description: string }

/**
 * Is `uri` registered for this environment? The vendor compares exact strings against the
 * URIs its TAM whitelisted (protocol, host, path, trailing slash and query all count: the
 * guide's "redirect_uri mismatch" causes). Production refuses `http:` outright and a custom
 * scheme nobody approved.
 *
 * One deliberate convenience, not the vendor's behaviour: the sandbox accepts
 * `http://127.0.0.1:<any port>/callback`, because a desktop client listens on whatever free
 * port the OS gives it (RFC 8252 §7.3). The real vendor whitelists exact URIs, so a real
 * loopback client must agree a fixed port with its TAM.
 */
export function checkRedirect(uri: string, policy: RedirectPolicy): RedirectVerdict {
  if (policy.exact.includes(uri) || policy.approvedCustom.includes(uri)) return { ok: true }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase()
  if (scheme === 'http' && policy.httpsOnly) {
    return { ok: false, reason: 'https-required', description: `redirect_uri mismatch: ${uri} uses http; this environment requires https (http is allowed in sandbox only).` }
  }
  if (scheme === 'http' && policy.loopbackAnyPort && isLoopbackCallback(uri)) return { ok: true }
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https' && !policy.approvedCustom.some((a) => a.startsWith(`${scheme}:`))) {
    return {
      ok: false,
      reason: 'scheme-not-approved',
      description: `redirect_uri mismatch: the custom scheme "${scheme}:" is not approved for this environment. Custom URI schemes need approval by your Technical Account Manager (TAM).`,
    }
  }
  const registered = (candidate: string): boolean =>
    policy.exact.includes(candidate) ||
    policy.approvedCustom.includes(candidate) ||
    (policy.loopbackAnyPort && isLoopbackCallback(candidate))
  const slashTwin = uri.endsWith('/') ? uri.slice(0, -1) : `${uri}/`
  if (registered(slashTwin)) {
    return { ok: false, reason: 'trailing-slash', description: `redirect_uri mismatch: ${uri} differs from the whitelisted ${slashTwin} by a trailing slash.` }
  }
  const withoutQuery = uri.split('?')[0] ?? uri
  if (uri.includes('?') && registered(withoutQuery)) {
    return { ok: false, reason: 'query-in-uri', description: `redirect_uri mismatch: ${uri} carries a query string; the whitelisted URI is ${withoutQuery} without one.` }
  }
  return { ok: false, reason: 'not-whitelisted', description: `redirect_uri mismatch: ${uri} is not whitelisted for this environment.` }
}

function isLoopbackCallback(uri: string): boolean {
  return /^http:\/\/(127\.0\.0\.1|\[::1\]):\d{1,5}\/callback$/.test(uri)
}

/** Why the token call's `redirect_uri` differs from step 1's, in words. */
export function describeMismatch(sent: string, expected: string): { reason: string; description: string } {
  if (sent.replace(/\/$/, '') === expected.replace(/\/$/, '')) {
    return { reason: 'redirect-mismatch-trailing-slash', description: `redirect_uri mismatch: "${sent}" differs from step 1's "${expected}" by a trailing slash.` }
  }
  if ((sent.split('?')[0] ?? sent) === (expected.split('?')[0] ?? expected)) {
    return { reason: 'redirect-mismatch-query', description: `redirect_uri mismatch: "${sent}" differs from step 1's "${expected}" in its query string.` }
  }
  return { reason: 'redirect-mismatch', description: `redirect_uri mismatch: "${sent}" is not the "${expected}" sent at step 1; it must match exactly.` }
}
