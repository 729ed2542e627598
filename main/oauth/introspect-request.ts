import type { HttpRequest } from '../http/client'
import type { HttpExchange } from '../http/exchange'
import { applyClientAuth, type ClientCredentials } from './client-auth'
import { snippet } from './token-response'

/** RFC 7662 §2.1: the token and a hint, with the client's authentication, as a form. */
export function introspectionRequest(
  opts: { endpoint: string; credentials: ClientCredentials; extraHeaders?: Record<string, string> },
  token: string,
  hint: 'access_token' | 'refresh_token',
): HttpRequest {
  const headers: Record<string, string> = { accept: 'application/json', ...(opts.extraHeaders ?? {}) }
  const params: Record<string, string> = { token, token_type_hint: hint }
  applyClientAuth(opts.credentials, headers, params)
  headers['content-type'] = 'application/x-www-form-urlencoded'
  return { method: 'POST', url: opts.endpoint, headers, body: new URLSearchParams(params).toString() }
}

export type IntrospectionResult =
  | { kind: 'answer'; active: boolean; claims: Record<string, unknown> }
  | { kind: 'failed'; reason: string }

/** RFC 7662 §2.2: `active` is the one field that must be there; everything else is optional. */
export function readIntrospection(ex: HttpExchange): IntrospectionResult {
  if (ex.error || !ex.response) return { kind: 'failed', reason: ex.error?.message ?? 'No response.' }
  const { status, body } = ex.response
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return { kind: 'failed', reason: `HTTP ${status}, not JSON: "${snippet(body)}"` }
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { kind: 'failed', reason: `HTTP ${status}: the body is not a JSON object.` }
  const obj = json as Record<string, unknown>
  if (status !== 200) {
    const error = typeof obj.error === 'string' ? `\`${obj.error}\`${typeof obj.error_description === 'string' ? `: ${obj.error_description}` : ''}` : snippet(body)
    return { kind: 'failed', reason: `HTTP ${status}: ${error}` }
  }
  if (typeof obj.active !== 'boolean') return { kind: 'failed', reason: 'The answer has no boolean `active` field (RFC 7662 §2.2).' }
  return { kind: 'answer', active: obj.active, claims: obj }
}
