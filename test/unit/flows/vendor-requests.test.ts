import { describe, expect, it } from 'vitest'
import { ProfileSchema } from '../../../shared/domain/profile'
import { authorizeRequest, initiateRequest, loginRequest, otpSendRequest, vendorTokenRequest } from '../../../main/flows/vendor-requests'
import { resolveVendorTarget } from '../../../main/flows/vendor-target'

const call = { baseUrl: 'https://dev.api.example', headers: { 'x-client-key': 'ck', 'x-us-env': 'true' } }

describe('the vendor flow’s requests', () => {
  it('initiate carries every required parameter; extra parameters never replace them; API mode says so', () => {
    const req = initiateRequest(call, {
      clientId: 'ck',
      redirectUri: 'https://app.example/cb',
      state: 'st',
      codeChallenge: 'ch',
      mode: 'api',
      extra: { state: 'evil', lang: 'en' },
    })
    const url = new URL(req.url)
    expect(url.pathname).toBe('/v1/auth/oauth/authorize/initiate')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      state: 'st',
      lang: 'en',
      response_type: 'code',
      client_id: 'ck',
      redirect_uri: 'https://app.example/cb',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      mode: 'api',
    })
    expect(req.headers).toMatchObject({ 'x-client-key': 'ck', 'x-us-env': 'true', accept: 'application/json' })
    expect(new URL(initiateRequest(call, { clientId: 'ck', redirectUri: 'r', state: 's', codeChallenge: 'c', mode: 'hosted' }).url).searchParams.has('mode')).toBe(false)
  })

  it('login and OTP are JSON; the code only on the second login', () => {
    expect(JSON.parse(loginRequest(call, { email: 'a@b.c', password: 'pw' }).body!)).toEqual({ email: 'a@b.c', password: 'pw' })
    expect(JSON.parse(loginRequest(call, { email: 'a@b.c', password: 'pw', otpCode: '123456' }).body!)).toMatchObject({ otpCode: '123456' })
    expect(otpSendRequest(call, 'u-1')).toMatchObject({ method: 'POST', url: 'https://dev.api.example/v1/auth/login/otp', body: '{"userId":"u-1"}' })
  })

  it('authorize: the login token as Bearer, the session JWT in the body', () => {
    const req = authorizeRequest(call, 'login-token', 'session.jwt.here')
    expect(req.headers?.authorization).toBe('Bearer login-token')
    expect(JSON.parse(req.body!)).toEqual({ token: 'session.jwt.here' })
  })

  it('the code exchange is JSON with both keys as headers', () => {
    const req = vendorTokenRequest({ ...call, clientId: 'ck', secretHeaders: { 'x-secret-key': 'sk' } }, { code: 'c', redirectUri: 'r', codeVerifier: 'v' })
    expect(req.headers).toMatchObject({ 'content-type': 'application/json', 'x-client-key': 'ck', 'x-secret-key': 'sk', 'x-us-env': 'true' })
    expect(JSON.parse(req.body!)).toMatchObject({ grant_type: 'authorization_code', code: 'c', redirect_uri: 'r', code_verifier: 'v' })
  })
})

describe('resolving a vendor profile', () => {
  const base = ProfileSchema.parse({
    id: 'p',
    name: 'p',
    environment: 'sandbox',
    flow: 'vendor-api',
    region: 'us',
    apiBaseUrl: 'https://dev.api.example/',
    clientId: 'ck',
    clientAuth: 'headers',
    clientHeaders: { 'x-client-key': 'ck' },
    secretHeaders: ['x-secret-key'],
    testRequest: { url: '/v1/user/profile' },
  })

  it('a typed-in profile: the public header on every step, the vault’s secret for the token endpoint only, the test path made absolute', () => {
    const target = resolveVendorTarget(base, { 'x-secret-key': 'sk' })
    if ('problem' in target) throw new Error(target.problem)
    expect(target.baseUrl).toBe('https://dev.api.example')
    expect(target.publicHeaders).toEqual({ 'x-client-key': 'ck', 'x-us-env': 'true' })
    expect(target.secretHeaders).toEqual({ 'x-secret-key': 'sk' })
    expect(target.profile.testRequest?.url).toBe('https://dev.api.example/v1/user/profile')
  })

  it('a missing client key stays missing (how a tester provokes 499); a missing host is a problem', () => {
    const target = resolveVendorTarget({ ...base, clientHeaders: {} }, {})
    expect('problem' in target ? undefined : target.publicHeaders['x-client-key']).toBeUndefined()
    expect(resolveVendorTarget({ ...base, apiBaseUrl: undefined }, {})).toMatchObject({ problem: expect.stringContaining('API base URL') })
    expect(resolveVendorTarget({ ...base, embedded: 'vendor-simulator' }, {})).toMatchObject({ problem: expect.stringContaining('not running') })
  })
})
