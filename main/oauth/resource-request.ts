import type { Profile } from '../../shared/domain/profile'
import type { HttpRequest } from '../http/client'
import { bearer } from './bearer'

/** OIDC Core §5.3.1: the userinfo endpoint takes the access token as a Bearer credential. */
export function userinfoRequest(endpoint: string, token: string, headers: Record<string, string> = {}): HttpRequest {
  return { method: 'GET', url: endpoint, headers: { accept: 'application/json', ...headers, authorization: bearer(token) } }
}

/**
 * The profile's test request with a token as Bearer. A path (`/api/me`) is resolved against
 * the issuer, so an embedded server whose port changes per session still has a fixed request.
 */
export function testApiRequest(
  test: NonNullable<Profile['testRequest']>,
  token: string,
  opts: { base?: string; headers?: Record<string, string> } = {},
): HttpRequest {
  const url = /^[a-z][a-z0-9+.-]*:/i.test(test.url) || opts.base === undefined ? test.url : new URL(test.url, `${opts.base.replace(/\/+$/, '')}/`).toString()
  const headers: Record<string, string> = { accept: 'application/json', ...(opts.headers ?? {}), ...test.headers }
  // The profile may set its own Authorization (to provoke a failure on purpose); otherwise Bearer.
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'authorization')) headers.authorization = bearer(token)
  return { method: test.method, url, headers }
}

/** The vendor's logout: ends the access token presented as Bearer. */
export function vendorLogoutRequest(endpoint: string, token: string, headers: Record<string, string> = {}): HttpRequest {
  return { method: 'POST', url: endpoint, headers: { accept: 'application/json', ...headers, authorization: bearer(token) } }
}
