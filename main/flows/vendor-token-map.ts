import { TOKEN_PLACES, type TokenRoute, type VendorTokenKind, type VendorTokenView } from '../../shared/domain/run-vendor'
import { maskToken } from '../../shared/mask'
import { bodyParams, queryParams } from '../diagnose/request-params'
import { bearerValue, identifyToken, type KnownTokens } from '../diagnose/vendor-token-identity'
import type { HttpExchange } from '../http/exchange'
import { decodeToken } from '../oauth/jwt-decode'
import { VENDOR_PATHS } from './vendor-requests'

/**
 * The vendor flow's tokens and where each one went, read from the recorded exchanges only: a
 * token is known because an answer carried it, and a use is listed because a request carried
 * it. Nothing here assumes what the engine meant to send.
 */

export interface IssuedToken {
  kind: VendorTokenKind
  value: string
  exchange: HttpExchange
  issuedAt: number
  expiresAt?: number
}

/** Which answer field carries which token (initiate, login, token/refresh). */
const ISSUING_FIELDS: { path: string; field: string; kind: VendorTokenKind }[] = [
  { path: VENDOR_PATHS.initiate, field: 'token', kind: 'session-jwt' },
  { path: VENDOR_PATHS.login, field: 'accessToken', kind: 'login-token' },
  { path: VENDOR_PATHS.token, field: 'access_token', kind: 'access-token' },
  { path: VENDOR_PATHS.token, field: 'refresh_token', kind: 'refresh-token' },
]

export function issuedTokens(exchanges: readonly HttpExchange[]): IssuedToken[] {
  const out: IssuedToken[] = []
  const seen = new Set<string>()
  for (const ex of exchanges) {
    const status = ex.response?.status ?? 0
    if (status < 200 || status >= 300) continue
    const body = parse(ex.response?.body)
    if (!body) continue
    const path = pathOf(ex.request.url)
    for (const f of ISSUING_FIELDS) {
      const value = body[f.field]
      if (!path.endsWith(f.path) || typeof value !== 'string' || value === '' || seen.has(value)) continue
      seen.add(value)
      out.push({ kind: f.kind, value, exchange: ex, issuedAt: ex.startedAt, ...expiry(f.kind, value, body, ex.startedAt) })
    }
  }
  return out
}

export function knownTokens(issued: readonly IssuedToken[]): KnownTokens {
  const known: Partial<Record<VendorTokenKind, string[]>> = {}
  for (const t of issued) (known[t.kind] ??= []).push(t.value)
  return known
}

export function tokenViews(issued: readonly IssuedToken[]): VendorTokenView[] {
  return issued.map((t) => {
    const decoded = decodeToken(t.value)
    return {
      kind: t.kind,
      label: TOKEN_PLACES[t.kind].label,
      belongsIn: TOKEN_PLACES[t.kind].belongsIn,
      masked: maskToken(t.value),
      format: decoded.format === 'jwt' ? 'jwt' : 'opaque',
      length: t.value.length,
      issuedBy: { exchangeId: t.exchange.id, step: t.exchange.step, request: requestLine(t.exchange) },
      issuedAt: t.issuedAt,
      ...(t.expiresAt !== undefined && { expiresAt: t.expiresAt }),
    }
  })
}

/** Every place a request of the run carried one of its tokens (or an unknown Bearer). */
export function tokenRoutes(exchanges: readonly HttpExchange[], known: KnownTokens): TokenRoute[] {
  const routes: TokenRoute[] = []
  for (const ex of exchanges) {
    const path = pathOf(ex.request.url)
    const add = (place: string, value: string, kind: VendorTokenKind | undefined): void => {
      const right = kind !== undefined && isRightPlace(kind, place, path)
      routes.push({
        exchangeId: ex.id,
        step: ex.step,
        at: ex.startedAt,
        request: requestLine(ex),
        place,
        token: kind ?? 'unknown',
        masked: maskToken(value),
        rightPlace: right,
        ...(!right && kind !== undefined && { hint: `Belongs in: ${TOKEN_PLACES[kind].belongsIn}` }),
        ...(ex.response && { status: ex.response.status }),
      })
    }
    const auth = bearerValue(ex.request.headers.authorization)
    if (auth !== undefined) add('Authorization: Bearer', auth, identifyToken(auth, known))
    for (const [field, value] of Object.entries(bodyParams(ex.request))) {
      const kind = identifyToken(value, known)
      if (kind) add(`body · ${field}`, value, kind)
    }
    for (const [name, value] of Object.entries(queryParams(ex.request.url))) {
      const kind = identifyToken(value, known)
      if (kind) add(`query · ${name}`, value, kind)
    }
  }
  return routes
}

/** The vendor guide's rule (“JWT token: only in step 3 request body” …) as a check. */
export function isRightPlace(kind: VendorTokenKind, place: string, path: string): boolean {
  const atAuthorize = path.endsWith(VENDOR_PATHS.authorize)
  const atToken = path.endsWith(VENDOR_PATHS.token)
  switch (kind) {
    case 'session-jwt':
      return atAuthorize && place === 'body · token'
    case 'login-token':
      return atAuthorize && place === 'Authorization: Bearer'
    case 'access-token':
      return !atAuthorize && !atToken && place === 'Authorization: Bearer'
    case 'refresh-token':
      return atToken && place === 'body · refresh_token'
  }
}

export const requestLine = (ex: HttpExchange): string => `${ex.request.method} ${pathOf(ex.request.url)}`

function pathOf(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return url
  }
}

function expiry(kind: VendorTokenKind, value: string, body: Record<string, unknown>, at: number): { expiresAt?: number } {
  if (kind === 'session-jwt') {
    const decoded = decodeToken(value)
    const exp = decoded.format === 'jwt' ? decoded.claims.exp : undefined
    return typeof exp === 'number' ? { expiresAt: exp * 1000 } : {}
  }
  const seconds = kind === 'access-token' ? body.expires_in : kind === 'refresh-token' ? body.refresh_token_expires_in : undefined
  return typeof seconds === 'number' && Number.isFinite(seconds) ? { expiresAt: at + seconds * 1000 } : {}
}

function parse(body: string | undefined): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body ?? '')
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
