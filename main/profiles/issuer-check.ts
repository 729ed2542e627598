import type { IssuerReport } from '../../shared/contract/profile-calls'
import type { ProfileDraft } from '../../shared/domain/profile'
import type { HttpClient } from '../http/client'
import { discover, discoveryUrl, type ServerMetadata } from '../oauth/discovery'

type Comparison = IssuerReport['comparisons'][number]

/**
 * "Fill from issuer": reads the discovery document (through the one HTTP client, so the
 * exchange is recorded like any other) and sets what the server supports beside what the
 * profile uses.
 */
export async function checkIssuer(http: HttpClient, issuer: string, profile: ProfileDraft | undefined): Promise<IssuerReport> {
  const clean = issuer.trim().replace(/\/+$/, '')
  const found = await discover(http, clean, {})
  const base = {
    discoveryUrl: discoveryUrl(clean),
    ...(found.exchange.response && { status: found.exchange.response.status }),
    durationMs: found.exchange.durationMs,
  }
  if (!found.ok) return { ok: false, issuer: clean, error: found.reason, endpoints: {}, comparisons: [], ...base }
  return {
    ok: true,
    issuer: found.metadata.issuer,
    endpoints: found.metadata.endpoints,
    comparisons: compare(found.metadata, profile),
    ...base,
  }
}

export function compare(m: ServerMetadata, profile: ProfileDraft | undefined): Comparison[] {
  const scopes = (profile?.scopes ?? '').split(/\s+/).filter((s) => s !== '')
  const auth = profile?.clientAuth ?? 'none'
  const wantsRefresh = scopes.includes('offline_access')
  const out: Comparison[] = []

  // RFC 8414 §2: no code_challenge_methods_supported means the server does not do PKCE.
  out.push(
    m.codeChallengeMethods.length === 0
      ? { feature: 'PKCE method', used: ['S256'], supported: [], verdict: 'not-advertised', note: 'The server does not advertise PKCE. Many still accept it; if the token step fails, ask whether PKCE is enabled for this client.' }
      : m.codeChallengeMethods.includes('S256')
        ? { feature: 'PKCE method', used: ['S256'], supported: m.codeChallengeMethods, verdict: 'ok', note: 'The tester always sends S256.' }
        : { feature: 'PKCE method', used: ['S256'], supported: m.codeChallengeMethods, verdict: 'unsupported', note: 'The server does not list S256, the only method worth using (RFC 7636 §4.2). Expect an invalid_request at the authorize step.' },
  )

  // RFC 8414 §2: absent means client_secret_basic only.
  const authMethods = m.tokenAuthMethods.length > 0 ? m.tokenAuthMethods : ['client_secret_basic']
  if (auth === 'headers') {
    out.push({ feature: 'Client authentication', used: ['custom headers'], supported: m.tokenAuthMethods, verdict: 'not-advertised', note: 'Header authentication is not a standard method; discovery cannot confirm it.' })
  } else {
    out.push({
      feature: 'Client authentication',
      used: [auth],
      supported: m.tokenAuthMethods,
      verdict: authMethods.includes(auth) ? 'ok' : 'unsupported',
      note: authMethods.includes(auth)
        ? m.tokenAuthMethods.length === 0 ? 'Not listed; the default (client_secret_basic) applies.' : 'Supported.'
        : `The server lists ${authMethods.join(', ')}. Choose one of those, or expect invalid_client at the token step.`,
    })
  }

  // RFC 8414 §2: absent means authorization_code and implicit.
  const grants = m.grantTypes.length > 0 ? m.grantTypes : ['authorization_code', 'implicit']
  const usedGrants = ['authorization_code', ...(wantsRefresh ? ['refresh_token'] : [])]
  const missingGrants = usedGrants.filter((g) => !grants.includes(g))
  out.push({
    feature: 'Grant types',
    used: usedGrants,
    supported: m.grantTypes,
    verdict: missingGrants.length === 0 ? 'ok' : 'unsupported',
    note: missingGrants.length === 0 ? 'Supported.' : `${missingGrants.join(', ')} is not listed; the server may refuse it.`,
  })

  if (scopes.length > 0) {
    const unknown = m.scopes.length === 0 ? [] : scopes.filter((s) => !m.scopes.includes(s))
    out.push({
      feature: 'Scopes',
      used: scopes,
      supported: m.scopes,
      verdict: m.scopes.length === 0 || unknown.length > 0 ? 'not-advertised' : 'ok',
      note:
        m.scopes.length === 0
          ? 'The server does not list its scopes.'
          : unknown.length > 0
            ? `${unknown.join(', ')} is not in the server’s list. Servers need not list every scope, but an invalid_scope error would start here.`
            : 'All listed by the server.',
    })
  }

  out.push({
    feature: 'Issuer in the redirect (RFC 9207)',
    used: ['checked when present'],
    supported: m.issParameter ? ['iss'] : [],
    verdict: m.issParameter ? 'ok' : 'not-advertised',
    note: m.issParameter ? 'The server names itself in every redirect; the tester compares it (mix-up defence).' : 'The server does not send iss in redirects; mix-up defence relies on one redirect URI per server.',
  })
  return out
}
