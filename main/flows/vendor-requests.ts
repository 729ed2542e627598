import type { HttpRequest } from '../http/client'
import { bearer } from '../oauth/bearer'
import { codeExchangeRequest } from '../oauth/token-request'

/** The vendor's fixed paths under its API host (baanx-oauth.md §3). */
export const VENDOR_PATHS = {
  initiate: '/v1/auth/oauth/authorize/initiate',
  login: '/v1/auth/login',
  otp: '/v1/auth/login/otp',
  authorize: '/v1/auth/oauth/authorize',
  token: '/v1/auth/oauth/token',
} as const

/** The parts of a vendor request every step shares. */
export interface VendorCall {
  baseUrl: string
  /** `x-client-key`, `x-us-env`, the profile's extra headers. */
  headers: Record<string, string>
}

/**
 * Step 1: `GET …/initiate` with the PKCE challenge (baanx-oauth.md §3.1). API mode adds
 * `mode=api`; hosted mode asks for JSON, which the vendor may answer with a 302 to the hosted
 * UI instead (the caller takes either). The profile's extra parameters never replace ours.
 */
export function initiateRequest(
  call: VendorCall,
  p: { clientId: string; redirectUri: string; state: string; codeChallenge: string; mode: 'hosted' | 'api'; extra?: Record<string, string> },
): HttpRequest {
  const url = new URL(call.baseUrl + VENDOR_PATHS.initiate)
  for (const [name, value] of Object.entries(p.extra ?? {})) url.searchParams.set(name, value)
  url.searchParams.set('response_type', 'code')
  url.searchParams.set('client_id', p.clientId)
  url.searchParams.set('redirect_uri', p.redirectUri)
  url.searchParams.set('state', p.state)
  url.searchParams.set('code_challenge', p.codeChallenge)
  url.searchParams.set('code_challenge_method', 'S256')
  if (p.mode === 'api') url.searchParams.set('mode', 'api')
  return { method: 'GET', url: url.toString(), headers: { accept: 'application/json', ...call.headers } }
}

const json = (call: VendorCall, path: string, body: unknown, extra: Record<string, string> = {}): HttpRequest => ({
  method: 'POST',
  url: call.baseUrl + path,
  headers: { accept: 'application/json', 'content-type': 'application/json', ...call.headers, ...extra },
  body: JSON.stringify(body),
})

/** Step 2: `POST /v1/auth/login`; `otpCode` only on the second attempt (§3.2). */
export const loginRequest = (call: VendorCall, login: { email: string; password: string; otpCode?: string }): HttpRequest =>
  json(call, VENDOR_PATHS.login, { email: login.email, password: login.password, ...(login.otpCode !== undefined && { otpCode: login.otpCode }) })

/** `POST /v1/auth/login/otp`: the vendor sends the code by SMS (§3.3). */
export const otpSendRequest = (call: VendorCall, userId: string): HttpRequest => json(call, VENDOR_PATHS.otp, { userId })

/** Step 3 in API mode: the login token as Bearer, the session JWT in the body (§3.4). */
export const authorizeRequest = (call: VendorCall, loginToken: string, sessionToken: string): HttpRequest =>
  json(call, VENDOR_PATHS.authorize, { token: sessionToken }, { authorization: bearer(loginToken) })

/** Step 4: the code exchange, JSON body, both keys as headers (§3.5). */
export function vendorTokenRequest(
  call: VendorCall & { clientId: string; secretHeaders: Record<string, string>; extraParams?: Record<string, string> },
  grant: { code: string; redirectUri: string; codeVerifier: string },
): HttpRequest {
  return codeExchangeRequest(
    {
      endpoint: call.baseUrl + VENDOR_PATHS.token,
      credentials: { method: 'headers', clientId: call.clientId, headers: call.secretHeaders },
      bodyFormat: 'json',
      extraParams: call.extraParams ?? {},
      extraHeaders: call.headers,
    },
    grant,
  )
}
