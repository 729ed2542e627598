import { describe, expect, it } from 'vitest'
import { explainFinalCheck } from '../../../main/diagnose/explain-final-check'
import { explainVendorStep, type VendorEvidence } from '../../../main/diagnose/explain-vendor-step'
import type { HttpExchange } from '../../../main/http/exchange'

/**
 * The explainer decides from the vendor's own fields and the run's evidence. These answers
 * carry no `simulator` field, as the real vendor's would not; the same answer with the field
 * gets the same diagnosis, plus a hint ranked last.
 */
function exchange(step: string, url: string, headers: Record<string, string>, status: number, answer: unknown, body?: unknown, responseHeaders: Record<string, string> = {}): HttpExchange {
  return {
    id: `x-${step}`,
    step,
    startedAt: 1_000_000,
    durationMs: 3,
    request: { method: body === undefined ? 'GET' : 'POST', url, headers, ...(body !== undefined && { body: JSON.stringify(body) }) },
    response: { status, statusText: '', headers: { 'content-type': 'application/json', ...responseHeaders }, body: JSON.stringify(answer), truncated: false },
  }
}

const evidence = (ex: HttpExchange, more: Partial<VendorEvidence> = {}): VendorEvidence => ({
  step: ex.step,
  exchange: ex,
  now: 2_000_000,
  environment: 'sandbox',
  region: 'international',
  tokens: { 'session-jwt': ['eyJhbGciOiJIUzI1NiJ9.e30.c2ln'], 'login-token': ['9f1c2b7e-login-token'], 'access-token': ['access_token_1234567890'] },
  sessionSeconds: 600,
  earlier: [],
  ...more,
})

const INITIATE = 'https://api.example/v1/auth/oauth/authorize/initiate?response_type=code&client_id=k&redirect_uri=https%3A%2F%2Fa.example%2Fcb&state=s&code_challenge=c&code_challenge_method=S256'

describe('vendor explainers without the simulator’s field', () => {
  it('498 and 499 by status', () => {
    expect(explainVendorStep(evidence(exchange('initiate', INITIATE, { 'x-client-key': 'k' }, 498, { message: 'Invalid client key' }))).code).toBe('http.invalid_client_key')
    const missing = explainVendorStep(evidence(exchange('initiate', INITIATE, {}, 499, { message: 'Missing client key' })))
    expect(missing.code).toBe('http.missing_client_key')
    expect(missing.causes[0]).toMatchObject({ id: 'client.key_header_missing', likelihood: 'confirmed' })
  })

  it('the login reference’s 400s by their message', () => {
    const login = (message: string, more: Partial<VendorEvidence> = {}) =>
      explainVendorStep(evidence(exchange('login', 'https://api.example/v1/auth/login', {}, 400, { message }, { email: 'a@b.c', password: 'pw' }), more))
    expect(login('Invalid credentials').code).toBe('vendor.invalid_credentials')
    expect(login('Invalid OTP code').causes[0]).toMatchObject({ id: 'otp.not_sent', likelihood: 'confirmed' })
    expect(login('Invalid OTP code', { otpSentAt: 900_000 }).causes[0]).toMatchObject({ id: 'otp.mistyped', likelihood: 'likely' })
    expect(login('OTP code expired').code).toBe('vendor.otp_expired')
    expect(login('OTP required').code).toBe('vendor.otp_required')
    expect(JSON.stringify(login('Invalid credentials'))).not.toContain('"pw"')
  })

  it('step 3’s 401: token confusion only when the Bearer is one of the run’s other tokens', () => {
    const authorize = (bearer: string) =>
      explainVendorStep(evidence(exchange('authorize', 'https://api.example/v1/auth/oauth/authorize', { authorization: `Bearer ${bearer}` }, 401, { message: 'Not authenticated' }, { token: 'x' })))
    const jwt = authorize('eyJhbGciOiJIUzI1NiJ9.e30.c2ln')
    expect(jwt.code).toBe('vendor.token_confusion')
    expect(jwt.causes[0]).toMatchObject({ id: 'confusion.session_jwt_as_bearer', likelihood: 'confirmed' })
    expect(authorize('access_token_1234567890').causes[0]?.id).toBe('confusion.oauth_token_at_authorize')
    // A JWT this run never received is not "the session JWT": no guessing from looks.
    const stranger = authorize('eyJhbGciOiJIUzI1NiJ9.eyJvdGhlciI6MX0.c2ln')
    expect(stranger.code).toBe('http.unauthorized')
    expect(stranger.causes[0]?.id).toBe('auth.unknown_token')
  })

  it('step 3’s 401 after a login that asked for a code and was never repeated with it → vendor.otp_required', () => {
    const LOGIN = 'https://api.example/v1/auth/login'
    const authorize = (bearer: string | undefined, ...earlier: HttpExchange[]) =>
      explainVendorStep(
        evidence(exchange('authorize', 'https://api.example/v1/auth/oauth/authorize', bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }, 401, { message: 'Not authenticated' }, { token: 'x' }), { earlier }),
      )
    const flags = exchange('login', LOGIN, {}, 200, { accessToken: null, userId: 'u', isOtpRequired: true }, { email: 'a@b.c', password: 'pw' })
    const status = exchange('login', LOGIN, {}, 400, { message: 'OTP required', userId: 'u' }, { email: 'a@b.c', password: 'pw' })
    const withCode = exchange('otp', LOGIN, {}, 200, { accessToken: 'a-login-token-from-the-otp-login', isOtpRequired: false }, { email: 'a@b.c', password: 'pw', otpCode: '123456' })
    const skipped = authorize('null', flags)
    expect(skipped.code).toBe('vendor.otp_required')
    expect(skipped.causes[0]).toMatchObject({ id: 'otp.login_not_finished', likelihood: 'confirmed', evidence: [{ label: 'login answer', value: 'HTTP 200 with isOtpRequired: true and no accessToken' }, { label: 'Authorization sent' }, { label: 'vendor answered' }] })
    expect(authorize(undefined, status).causes[0]?.evidence[0]).toEqual({ label: 'login answer', value: 'HTTP 400: “OTP required”' })
    // The login with the code came after: the Bearer is simply not a token of this run.
    expect(authorize('something-else-entirely', flags, withCode).code).toBe('http.unauthorized')
    expect(authorize('something-else-entirely').causes[0]?.id).toBe('auth.unknown_token')
  })

  it('the vendor’s session expiry, from its words or from the session’s age', () => {
    const ex = exchange('authorize', 'https://api.example/v1/auth/oauth/authorize', {}, 400, { error: 'invalid_request', error_description: 'Invalid session token.' }, { token: 'x' })
    expect(explainVendorStep(evidence({ ...ex, startedAt: 1_000_000 + 601_000 }, { sessionStartedAt: 1_000_000 })).causes[0]).toMatchObject({ id: 'session.slow_login', likelihood: 'confirmed' })
    expect(explainVendorStep(evidence(ex, { sessionStartedAt: 1_000_000 })).code).toBe('authorize.invalid_request')
  })

  it('the final check: the login token as Bearer is confusion; the same answer with the simulator’s field only adds a hint', () => {
    const answer = { message: 'Not authenticated' }
    const plain = explainFinalCheck(evidence(exchange('final-check', 'https://api.example/v1/user/profile', { authorization: 'Bearer 9f1c2b7e-login-token', 'x-client-key': 'k' }, 401, answer)))
    const hinted = explainFinalCheck(evidence(exchange('final-check', 'https://api.example/v1/user/profile', { authorization: 'Bearer 9f1c2b7e-login-token', 'x-client-key': 'k' }, 401, { ...answer, simulator: { reason: 'something-else' } })))
    expect(plain.code).toBe('vendor.token_confusion')
    expect(hinted.code).toBe(plain.code)
    expect(plain.causes.map((c) => c.id)).not.toContain('simulator.hint')
    expect(hinted.causes.at(-1)).toMatchObject({ id: 'simulator.hint', likelihood: 'possible' })
    expect(hinted.causes[0]).toEqual(plain.causes[0])
  })

  it('429 with retry-after → vendor.rate_limited saying how long to wait', () => {
    const d = explainVendorStep(evidence(exchange('otp', 'https://api.example/v1/auth/login/otp', {}, 429, { message: 'Too many requests' }, { userId: 'u' }, { 'retry-after': '240' })))
    expect(d.code).toBe('vendor.rate_limited')
    expect(d.summary).toContain('Wait 240 s.')
  })
})
