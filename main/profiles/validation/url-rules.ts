import type { ProfileDraft, ProfileIssue } from '../../../shared/domain/profile'
import { error, filled, warning, type Rule } from './rule'
import { isLoopbackIp, looksLikeSandboxHost, parseHttpUrl } from './urls'

/** Every server address a profile holds, with its field path. */
export function serverUrls(p: ProfileDraft): { field: string; label: string; value: string }[] {
  const out: { field: string; label: string; value: string }[] = []
  if (filled(p.issuer)) out.push({ field: 'issuer', label: 'The issuer', value: p.issuer })
  for (const [key, value] of Object.entries(p.endpoints)) {
    if (filled(value)) out.push({ field: `endpoints.${key}`, label: `The ${key} endpoint`, value })
  }
  if (filled(p.apiBaseUrl)) out.push({ field: 'apiBaseUrl', label: 'The API host', value: p.apiBaseUrl })
  // A path ("/api/me") is resolved against the issuer, so it needs one (or an embedded server).
  const relativeToIssuer = (url: string): boolean => url.startsWith('/') && (filled(p.issuer) || p.embedded !== undefined)
  if (p.testRequest && filled(p.testRequest.url) && !relativeToIssuer(p.testRequest.url)) {
    out.push({ field: 'testRequest.url', label: 'The test request', value: p.testRequest.url })
  }
  return out
}

/**
 * Transport rules for server addresses: production is https everywhere; http is for sandbox
 * profiles or this machine; no credentials inside URLs.
 */
export const urlRules: Rule = (p) => {
  const out: ProfileIssue[] = []
  // With an embedded server, its own address replaces the issuer and the API host.
  const urls = p.embedded === undefined ? serverUrls(p) : serverUrls(p).filter((u) => u.field !== 'issuer' && u.field !== 'apiBaseUrl')
  for (const { field, label, value } of urls) {
    const url = parseHttpUrl(value)
    if (!url) {
      out.push(error('url.invalid', field, `${label} is not an absolute http(s) address. Enter it like https://login.example.com/oauth/token.`))
      continue
    }
    if (url.username !== '' || url.password !== '') {
      out.push(error('url.credentials', field, `${label} carries a user name or password before the host. Remove the “user:password@” part: credentials in addresses end up in logs and exports.`))
    }
    if (url.protocol === 'http:') {
      if (p.environment === 'production') {
        out.push(error('url.production-https', field, `${label} uses http, and production must use https. Change http:// to https://, or set the environment to sandbox if this is a test server.`))
      } else if (p.environment === 'custom' && !isLoopbackIp(url.hostname) && url.hostname !== 'localhost') {
        out.push(error('url.http-remote', field, `${label} uses http to another machine, which is allowed only for sandbox profiles. Use https, or set the environment to sandbox.`))
      }
    }
    if (p.environment === 'production' && looksLikeSandboxHost(url.hostname)) {
      out.push(warning('url.sandbox-host-in-production', field, `${label} (${url.hostname}) looks like a test host, but the profile says production. Sandbox and production keys are not interchangeable: check the host, or set the environment to sandbox.`))
    }
  }
  if (filled(p.issuer) && p.embedded === undefined) {
    const issuer = parseHttpUrl(p.issuer)
    if (issuer && (issuer.search !== '' || issuer.hash !== '' || p.issuer.includes('#'))) {
      out.push(error('issuer.query-fragment', 'issuer', 'An issuer has no query or fragment (RFC 8414 §2). Remove everything from “?” or “#” on.'))
    }
    if (issuer && /\/\.well-known\//.test(issuer.pathname)) {
      out.push(error('issuer.well-known', 'issuer', 'Enter the issuer itself, not its discovery document: drop “/.well-known/…”; the tester adds it when it discovers.'))
    }
  }
  return out
}
