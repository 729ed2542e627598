import type { HttpClient } from '../http/client'
import type { HttpExchange } from '../http/exchange'
import type { Endpoints } from '../../shared/domain/profile'
import { snippet } from './token-response'

/** The parts of an OpenID Provider's metadata (RFC 8414 / OIDC Discovery) the tester uses. */
export interface ServerMetadata {
  issuer: string
  endpoints: Endpoints
  codeChallengeMethods: string[]
  tokenAuthMethods: string[]
  grantTypes: string[]
  scopes: string[]
  /** `id_token_signing_alg_values_supported`: the algorithms an ID token's signature may use. */
  idTokenSigningAlgs: string[]
  /** RFC 9207: the server puts `iss` in its authorization responses. */
  issParameter: boolean
}

export type DiscoveryResult =
  | { ok: true; metadata: ServerMetadata; exchange: HttpExchange }
  | { ok: false; reason: string; exchange: HttpExchange }

export const discoveryUrl = (issuer: string): string =>
  `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`

export async function discover(http: HttpClient, issuer: string, ctx: { runId?: string }): Promise<DiscoveryResult> {
  const exchange = await http.send(
    { method: 'GET', url: discoveryUrl(issuer), headers: { accept: 'application/json' } },
    { ...ctx, step: 'discovery' },
  )
  const fail = (reason: string): DiscoveryResult => ({ ok: false, reason, exchange })
  if (exchange.error || !exchange.response) return fail(exchange.error?.message ?? 'No response.')
  const { status, body } = exchange.response
  if (status !== 200) return fail(`The discovery document answered HTTP ${status}.`)
  let doc: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(body)
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return fail('The discovery document is not a JSON object.')
    doc = parsed as Record<string, unknown>
  } catch {
    return fail(`The discovery document is not JSON: "${snippet(body)}"`)
  }
  const str = (key: string): string | undefined => (typeof doc[key] === 'string' ? (doc[key] as string) : undefined)
  const list = (key: string): string[] => (Array.isArray(doc[key]) ? (doc[key] as unknown[]).filter((v): v is string => typeof v === 'string') : [])
  const docIssuer = str('issuer')
  // OIDC Discovery §4.3: the issuer in the document must be exactly the one we asked.
  if (docIssuer === undefined) return fail('The discovery document has no `issuer`.')
  if (docIssuer.replace(/\/+$/, '') !== issuer.replace(/\/+$/, '')) {
    return fail(`The document's issuer "${docIssuer}" differs from the configured "${issuer}".`)
  }
  const endpoints: Endpoints = {}
  const map: [keyof Endpoints, string][] = [
    ['authorize', 'authorization_endpoint'],
    ['token', 'token_endpoint'],
    ['revoke', 'revocation_endpoint'],
    ['introspect', 'introspection_endpoint'],
    ['userinfo', 'userinfo_endpoint'],
    ['jwks', 'jwks_uri'],
  ]
  for (const [key, field] of map) {
    const value = str(field)
    if (value !== undefined) endpoints[key] = value
  }
  return {
    ok: true,
    exchange,
    metadata: {
      issuer: docIssuer,
      endpoints,
      codeChallengeMethods: list('code_challenge_methods_supported'),
      tokenAuthMethods: list('token_endpoint_auth_methods_supported'),
      grantTypes: list('grant_types_supported'),
      scopes: list('scopes_supported'),
      idTokenSigningAlgs: list('id_token_signing_alg_values_supported'),
      issParameter: doc.authorization_response_iss_parameter_supported === true,
    },
  }
}
