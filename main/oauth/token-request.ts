import type { HttpRequest } from '../http/client'
import { applyClientAuth, type ClientCredentials } from './client-auth'

export interface TokenRequestOptions {
  endpoint: string
  credentials: ClientCredentials
  /** The vendor's token endpoint takes JSON; standard servers take a form (RFC 6749 §4.1.3). */
  bodyFormat?: 'form' | 'json'
  extraParams?: Record<string, string>
  extraHeaders?: Record<string, string>
}

/** The authorization_code grant request (RFC 6749 §4.1.3 + RFC 7636 §4.5). */
export function codeExchangeRequest(
  opts: TokenRequestOptions,
  grant: { code: string; redirectUri: string; codeVerifier: string },
): HttpRequest {
  return tokenRequest(opts, {
    grant_type: 'authorization_code',
    code: grant.code,
    redirect_uri: grant.redirectUri,
    code_verifier: grant.codeVerifier,
  })
}

/** The refresh_token grant request (RFC 6749 §6). */
export function refreshRequest(opts: TokenRequestOptions, refreshToken: string, scope?: string): HttpRequest {
  const params: Record<string, string> = { grant_type: 'refresh_token', refresh_token: refreshToken }
  if (scope) params.scope = scope
  return tokenRequest(opts, params)
}

function tokenRequest(opts: TokenRequestOptions, grantParams: Record<string, string>): HttpRequest {
  const headers: Record<string, string> = { accept: 'application/json', ...(opts.extraHeaders ?? {}) }
  const params: Record<string, string> = { ...(opts.extraParams ?? {}), ...grantParams }
  applyClientAuth(opts.credentials, headers, params)
  if (opts.bodyFormat === 'json') {
    headers['content-type'] = 'application/json'
    return { method: 'POST', url: opts.endpoint, headers, body: JSON.stringify(params) }
  }
  headers['content-type'] = 'application/x-www-form-urlencoded'
  return { method: 'POST', url: opts.endpoint, headers, body: new URLSearchParams(params).toString() }
}
