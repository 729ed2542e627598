import type { FlowKind } from '../../shared/domain/profile'
import type { HttpRequest } from '../http/client'
import { bearer } from './bearer'
import { applyClientAuth, type ClientCredentials } from './client-auth'

export type RevocableKind = 'access_token' | 'refresh_token'

export interface RevokeInput {
  endpoint: string
  credentials: ClientCredentials
  /** The token to revoke (RFC 7009); for the vendor, the access token that authenticates the call. */
  token: string
  kind: RevocableKind
  extraHeaders?: Record<string, string>
}

/**
 * Revocation, by the profile's flow kind: RFC 7009 (a form POST naming one token) for
 * standard servers; the vendor's `DELETE /v1/auth/oauth/revoke`, which takes the access token
 * as Bearer and ends every token of the client.
 */
export function revokeRequest(flow: FlowKind, input: RevokeInput): HttpRequest {
  return flow === 'standard' ? rfc7009Request(input) : vendorRevokeRequest(input)
}

/** RFC 7009 §2.1: `token` and a `token_type_hint`, with the client's authentication. */
export function rfc7009Request(input: RevokeInput): HttpRequest {
  const headers: Record<string, string> = { accept: 'application/json', ...(input.extraHeaders ?? {}) }
  const params: Record<string, string> = { token: input.token, token_type_hint: input.kind }
  applyClientAuth(input.credentials, headers, params)
  headers['content-type'] = 'application/x-www-form-urlencoded'
  return { method: 'POST', url: input.endpoint, headers, body: new URLSearchParams(params).toString() }
}

/** The vendor's revoke: no body; `x-client-key` and the access token identify what ends. */
export function vendorRevokeRequest(input: RevokeInput): HttpRequest {
  return {
    method: 'DELETE',
    url: input.endpoint,
    headers: { accept: 'application/json', ...(input.extraHeaders ?? {}), ...publicClientHeaders(input.credentials), authorization: bearer(input.token) },
  }
}

/** The client headers an API call carries: the vendor's `x-client-key`, never its secret key. */
export function publicClientHeaders(creds: ClientCredentials): Record<string, string> {
  if (creds.method !== 'headers') return {}
  return Object.fromEntries(Object.entries(creds.headers ?? {}).filter(([name]) => !/secret/i.test(name)))
}
