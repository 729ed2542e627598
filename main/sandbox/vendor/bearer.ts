import type { Region } from '../../../shared/domain/profile'
import { ENVIRONMENTS, REGIONS, type EnvironmentName } from './environments'
import type { LoginTokenRecord, OAuthTokenRecord, RegionStore } from './region-store'
import { notAuthenticated, type Reply } from './replies'
import { looksLikeJwt } from './sessions'

export type Stores = Record<EnvironmentName, Record<Region, RegionStore>>

/**
 * What a presented Bearer actually is. The flow has four kinds of token (step-1 JWT, login
 * token, final access token, refresh token) and the guide's "token confusion" is sending one
 * where another belongs, so every protected endpoint first works out which one it got.
 */
export type Bearer =
  | { kind: 'missing' }
  | { kind: 'malformed'; header: string }
  | { kind: 'session-jwt' }
  | { kind: 'login'; record: LoginTokenRecord }
  | { kind: 'access'; record: OAuthTokenRecord }
  | { kind: 'refresh'; record: OAuthTokenRecord }
  | { kind: 'elsewhere'; environment: EnvironmentName; region: Region; reason: 'wrong-environment' | 'wrong-region' }
  | { kind: 'unknown' }

export function classifyBearer(header: string | undefined, stores: Stores, here: { environment: EnvironmentName; region: Region }): Bearer {
  if (header === undefined || header === '') return { kind: 'missing' }
  // RFC 6750: the scheme, one space, the token; the guide warns about extra spaces.
  const match = /^Bearer ([^\s]+)$/i.exec(header)
  if (!match) return { kind: 'malformed', header }
  const token = match[1]!
  if (looksLikeJwt(token)) return { kind: 'session-jwt' }
  const store = stores[here.environment][here.region]
  const login = store.loginTokens.get(token)
  if (login) return { kind: 'login', record: login }
  const oauth = store.oauthTokens.get(token)
  if (oauth) return oauth.kind === 'access' ? { kind: 'access', record: oauth } : { kind: 'refresh', record: oauth }
  for (const environment of ENVIRONMENTS) {
    for (const region of REGIONS) {
      const other = stores[environment][region]
      if (other.loginTokens.has(token) || other.oauthTokens.has(token)) {
        return { kind: 'elsewhere', environment, region, reason: environment === here.environment ? 'wrong-region' : 'wrong-environment' }
      }
    }
  }
  return { kind: 'unknown' }
}

const FINAL = 'Use the access_token from POST /v1/auth/oauth/token.'

/** Why a Bearer is not the right one, as a 401 in the vendor's `{message}` shape. */
function refuse(bearer: Exclude<Bearer, { kind: 'login' | 'access' | 'refresh' }>, wanted: 'final' | 'login'): Reply {
  const want = wanted === 'final' ? FINAL : 'Use the accessToken from POST /v1/auth/login.'
  switch (bearer.kind) {
    case 'missing':
      return notAuthenticated('missing-bearer', `No Authorization header. Send "Authorization: Bearer <token>". ${want}`)
    case 'malformed':
      return notAuthenticated('malformed-bearer', `The Authorization header is not "Bearer <token>" (one space, no extra text). ${want}`)
    case 'session-jwt':
      return notAuthenticated(
        'session-jwt-as-bearer',
        `The Bearer is the step-1 session JWT. It only belongs in the body of POST /v1/auth/oauth/authorize as "token". ${want}`,
      )
    case 'elsewhere':
      return notAuthenticated(
        bearer.reason,
        `This token was issued by the ${bearer.environment} environment, ${bearer.region} region; tokens only work where they were issued${
          bearer.region === 'us' ? ' (the US region needs "x-us-env: true" on every call)' : ''
        }.`,
      )
    case 'unknown':
      return notAuthenticated('unknown-token', `This token was never issued here. ${want}`)
  }
}

/** The final OAuth access token, as the protected API and revoke want it. */
export function requireAccessToken(bearer: Bearer, clientKey: string, now: number): { ok: true; record: OAuthTokenRecord } | { ok: false; reply: Reply } {
  if (bearer.kind === 'access') {
    const { record } = bearer
    if (record.ended) return { ok: false, reply: notAuthenticated(`access-token-${record.ended.how}`, `This access token was ${record.ended.how === 'logged-out' ? 'logged out' : record.ended.how}. Start again at step 1.`) }
    if (now >= record.expiresAt) return { ok: false, reply: notAuthenticated('access-token-expired', 'This access token expired (they live 6 hours). Refresh it with the refresh_token.') }
    if (record.clientKey !== clientKey) return { ok: false, reply: notAuthenticated('wrong-client', 'This access token was issued to another x-client-key.') }
    return { ok: true, record }
  }
  if (bearer.kind === 'login') {
    return {
      ok: false,
      reply: notAuthenticated(
        'login-token-as-bearer',
        `The Bearer is the login accessToken from POST /v1/auth/login. It only authorizes step 3 (POST /v1/auth/oauth/authorize). ${FINAL}`,
      ),
    }
  }
  if (bearer.kind === 'refresh') {
    return {
      ok: false,
      reply: notAuthenticated('refresh-token-as-bearer', `The Bearer is a refresh_token; it only goes to the token endpoint with grant_type=refresh_token. ${FINAL}`),
    }
  }
  return { ok: false, reply: refuse(bearer, 'final') }
}

/** The login token, as step 3 (authorize) wants it. */
export function requireLoginToken(bearer: Bearer, now: number): { ok: true; record: LoginTokenRecord } | { ok: false; reply: Reply } {
  if (bearer.kind === 'login') {
    const { record } = bearer
    if (record.loggedOutAt !== undefined) return { ok: false, reply: notAuthenticated('login-token-logged-out', 'This login token was logged out. Log in again.') }
    if (now >= record.expiresAt) return { ok: false, reply: notAuthenticated('login-token-expired', 'This login token expired (they live 6 hours). Log in again.') }
    return { ok: true, record }
  }
  if (bearer.kind === 'access' || bearer.kind === 'refresh') {
    return {
      ok: false,
      reply: notAuthenticated(
        'oauth-token-as-login-token',
        `The Bearer is an OAuth ${bearer.kind === 'access' ? 'access_token' : 'refresh_token'}; step 3 wants the login accessToken from POST /v1/auth/login.`,
      ),
    }
  }
  return { ok: false, reply: refuse(bearer, 'login') }
}
