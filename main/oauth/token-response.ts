import type { HttpExchange } from '../http/exchange'

export interface IssuedTokens {
  accessToken: string
  tokenType?: string
  expiresIn?: number
  refreshToken?: string
  refreshTokenExpiresIn?: number
  idToken?: string
  scope?: string
}

/** What a token endpoint answered, sorted into the shapes the explainer knows. */
export type TokenResponse =
  | { kind: 'tokens'; status: number; tokens: IssuedTokens }
  | { kind: 'oauth-error'; status: number; error: string; description?: string; uri?: string }
  /** A gateway's `{ "message": … }` body (the vendor's 401/498/499 shape). */
  | { kind: 'gateway-error'; status: number; message: string }
  | { kind: 'not-json'; status: number; contentType: string; snippet: string }
  | { kind: 'malformed'; status: number; reason: string }
  | { kind: 'network'; message: string; errorKind: string }

export function readTokenResponse(ex: HttpExchange): TokenResponse {
  if (ex.error || !ex.response) {
    return { kind: 'network', message: ex.error?.message ?? 'No response.', errorKind: ex.error?.kind ?? 'network' }
  }
  const { status, body, headers } = ex.response
  const contentType = headers['content-type'] ?? ''
  let json: unknown
  try {
    json = JSON.parse(body)
  } catch {
    return { kind: 'not-json', status, contentType, snippet: snippet(body) }
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return { kind: 'malformed', status, reason: 'The body is JSON but not an object.' }
  }
  const obj = json as Record<string, unknown>
  if (typeof obj.error === 'string') {
    const out: TokenResponse = { kind: 'oauth-error', status, error: obj.error }
    if (typeof obj.error_description === 'string') out.description = obj.error_description
    if (typeof obj.error_uri === 'string') out.uri = obj.error_uri
    return out
  }
  if (status < 200 || status >= 300) {
    if (typeof obj.message === 'string') return { kind: 'gateway-error', status, message: obj.message }
    return { kind: 'malformed', status, reason: `HTTP ${status} without an OAuth error object.` }
  }
  if (typeof obj.access_token !== 'string' || obj.access_token === '') {
    return { kind: 'malformed', status, reason: 'The answer has no `access_token`.' }
  }
  const tokens: IssuedTokens = { accessToken: obj.access_token }
  if (typeof obj.token_type === 'string') tokens.tokenType = obj.token_type
  const expiresIn = toSeconds(obj.expires_in)
  if (expiresIn !== undefined) tokens.expiresIn = expiresIn
  if (typeof obj.refresh_token === 'string' && obj.refresh_token !== '') tokens.refreshToken = obj.refresh_token
  const refreshExpires = toSeconds(obj.refresh_token_expires_in)
  if (refreshExpires !== undefined) tokens.refreshTokenExpiresIn = refreshExpires
  if (typeof obj.id_token === 'string' && obj.id_token !== '') tokens.idToken = obj.id_token
  if (typeof obj.scope === 'string') tokens.scope = obj.scope
  return { kind: 'tokens', status, tokens }
}

/** `expires_in` is a number by the RFC, but some servers send a numeric string. */
function toSeconds(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined
}

export const snippet = (body: string): string => {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat
}
