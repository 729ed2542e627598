import type { ProfileIssue } from '../../../shared/domain/profile'
import { headerKey } from '../../../shared/domain/secret-names'
import { redirectUriOf } from './redirect-rules'
import { error, filled, isVendorFlow, warning, type Rule } from './rule'
import { isCustomScheme, isLoopback, parseAnyUri, parseHttpUrl } from './urls'

/** The vendor's sandbox API host (its docs use it in every example). */
export const VENDOR_SANDBOX_HOST = 'dev.api.baanx.com'
export const CLIENT_KEY_HEADER = 'x-client-key'
export const SECRET_KEY_HEADER = 'x-secret-key'

/** What the vendor's four-step flow expects of a profile (see reference/baanx-oauth.md §1, §6). */
export const vendorRules: Rule = (p) => {
  const out: ProfileIssue[] = []
  if (!isVendorFlow(p)) {
    if (p.region !== undefined) {
      out.push(warning('region.not-vendor', 'region', 'A region applies to the vendor’s flow only (it picks the backend per request); standard OAuth ignores it. Clear it, or pick the host of that region instead.'))
    }
    return out
  }
  if (p.embedded === undefined) out.push(...hostRules(p.environment, p.apiBaseUrl))
  out.push(...redirectRulesForVendor(p))
  if (p.clientAuth !== 'headers') {
    out.push(error('vendor.client-auth', 'clientAuth', 'The vendor authenticates the client with headers. Choose “headers” with x-client-key (and x-secret-key as a secret header).'))
    return out
  }
  const plain = Object.entries(p.clientHeaders).find(([name]) => headerKey(name) === CLIENT_KEY_HEADER)
  if (!plain) {
    out.push(error('vendor.client-key', 'clientHeaders', 'Add the header x-client-key with your client key: every vendor auth endpoint requires it (a missing key answers 499).'))
  } else if (filled(plain[1]) && filled(p.clientId) && plain[1].trim() !== p.clientId.trim()) {
    out.push(warning('vendor.client-key-id', 'clientId', 'The vendor expects client_id to be the client key itself, but they differ here. Use the x-client-key value as the client id, unless your account manager said otherwise.'))
  }
  if (!p.secretHeaders.some((h) => headerKey(h) === SECRET_KEY_HEADER)) {
    out.push(warning('vendor.secret-key', 'secretHeaders', 'No x-secret-key header: the vendor’s troubleshooting guide names a missing x-secret-key as a cause of invalid_client at the token step. Add it as a secret header if you were given one.'))
  }
  if (p.lifetimes.sessionSeconds > 600) {
    out.push(warning('vendor.session-length', 'lifetimes.sessionSeconds', 'The vendor’s authorization session lasts 10 minutes; a longer countdown here hides the real deadline. Set 600 seconds.'))
  }
  return out
}

function hostRules(environment: string, apiBaseUrl: string | undefined): ProfileIssue[] {
  if (!filled(apiBaseUrl)) return []
  const url = parseHttpUrl(apiBaseUrl)
  if (!url) return []
  const out: ProfileIssue[] = []
  if (environment === 'production' && url.hostname === VENDOR_SANDBOX_HOST) {
    out.push(error('vendor.sandbox-host-in-production', 'apiBaseUrl', `${VENDOR_SANDBOX_HOST} is the vendor’s sandbox, but the profile says production. Sandbox keys fail in production and the reverse; type the production host, or set the environment to sandbox.`))
  }
  if (environment === 'sandbox' && url.hostname !== VENDOR_SANDBOX_HOST && !isLoopback(url.hostname)) {
    out.push(warning('vendor.production-host-in-sandbox', 'apiBaseUrl', `The vendor’s sandbox is ${VENDOR_SANDBOX_HOST}, but this sandbox profile points at ${url.hostname}. If that is a production host, set the environment to production.`))
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    out.push(warning('vendor.api-path', 'apiBaseUrl', `Enter only the scheme and host (e.g. https://${url.host}); the tester adds the /v1/auth/… paths itself.`))
  }
  return out
}

function redirectRulesForVendor(p: Parameters<Rule>[0]): ProfileIssue[] {
  const out: ProfileIssue[] = []
  const uri = redirectUriOf(p)
  const parsed = uri === undefined ? undefined : parseAnyUri(uri.replace('<any port>', '0'))
  if (!parsed) return out
  if (p.environment === 'production' && parsed.protocol === 'http:') {
    out.push(error('vendor.production-http-redirect', p.capture.method === 'loopback' ? 'capture.method' : 'capture.redirectUri', 'The vendor’s production refuses http redirect URIs, loopback included. Use an https redirect URI (with paste capture) or a custom scheme your account manager has approved.'))
  }
  // The simulator has the app's own scheme approved; the real vendor needs its TAM to do that.
  if (isCustomScheme(parsed) && p.embedded !== 'vendor-simulator') {
    out.push(warning('vendor.custom-scheme', 'capture.redirectUri', 'The vendor accepts a custom scheme only after your account manager has approved and whitelisted it. Until then expect a redirect_uri error at the first step.'))
  }
  return out
}
