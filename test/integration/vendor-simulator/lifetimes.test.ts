import { describe, expect, it } from 'vitest'
import { useVendorSimulator } from '../../support/vendor-simulator'

/**
 * baanx-oauth.md §4 and checklist §9.8: every lifetime, driven by a fake clock (never by
 * sleeping). Each test checks the last moment something still works and the first it doesn't.
 */
const f = useVendorSimulator()
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR

describe('4 lifetimes and token rules', () => {
  it('the authorization session (step-1 JWT) lives 10 minutes: then "Session expired"', async () => {
    const client = f.sandbox()
    const early = await client.startSession()
    const late = await client.startSession()
    f.clock.advance(10 * MIN - 1)
    const login = await client.signIn()
    expect((await client.authorize(login, early.token)).status).toBe(200)
    f.clock.advance(1)
    const res = await client.authorize(login, late.token)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: 'invalid_request', simulator: { reason: 'session-expired' } })
    expect(res.body.error_description).toMatch(/^Session expired/)
  })

  it('the JWT says so too: exp - iat = 600', async () => {
    const { token } = await f.sandbox().startSession()
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number }
    expect(claims.exp - claims.iat).toBe(600)
  })

  it('the authorization code lives 10 minutes: then invalid_grant', async () => {
    const client = f.sandbox()
    const a = await client.code()
    const b = await client.code()
    const exchange = (c: typeof a) =>
      client.token({ grant_type: 'authorization_code', code: c.code, redirect_uri: c.session.redirectUri, code_verifier: c.session.pkce.verifier })
    f.clock.advance(10 * MIN - 1)
    expect((await exchange(a)).status).toBe(200)
    f.clock.advance(1)
    const res = await exchange(b)
    expect(res.body).toMatchObject({
      error: 'invalid_grant',
      error_description: 'Authorization code has expired or already been used',
      simulator: { reason: 'code-expired' },
    })
  })

  it('the login accessToken lives 6 hours', async () => {
    const client = f.sandbox()
    const login = await client.signIn()
    f.clock.advance(6 * HOUR - 1)
    expect((await client.authorize(login, (await client.startSession()).token)).status).toBe(200)
    f.clock.advance(1)
    const res = await client.authorize(login, (await client.startSession()).token)
    expect(res.status).toBe(401)
    expect(res.body.simulator.reason).toBe('login-token-expired')
  })

  it('the OAuth access_token lives 6 hours (expires_in 21600)', async () => {
    const client = f.sandbox()
    const { access } = await client.tokens()
    f.clock.advance(6 * HOUR - 1)
    expect((await client.profile(access)).status).toBe(200)
    f.clock.advance(1)
    const res = await client.profile(access)
    expect(res.status).toBe(401)
    expect(res.body.simulator.reason).toBe('access-token-expired')
  })

  it('the refresh_token lives 184 days (refresh_token_expires_in 15897600)', async () => {
    const client = f.sandbox()
    const a = await client.tokens()
    const b = await client.tokens()
    f.clock.advance(184 * DAY - 1)
    expect((await client.token({ grant_type: 'refresh_token', refresh_token: a.refresh })).status).toBe(200)
    f.clock.advance(1)
    const res = await client.token({ grant_type: 'refresh_token', refresh_token: b.refresh })
    expect(res.body).toMatchObject({ error: 'invalid_grant', simulator: { reason: 'refresh-expired' } })
  })

  it('an OTP code lives 5 minutes ("a few minutes"), then "OTP code expired"', async () => {
    const client = f.sandbox()
    const user = client.user('otp')
    await client.sendOtp(user.userId)
    const code = client.env.lastOtp(user.email)!
    f.clock.advance(5 * MIN)
    const res = await client.login({ email: user.email, password: user.password, otpCode: code })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ message: 'OTP code expired', simulator: { reason: 'otp-expired' } })
  })

  it('an OTP code works until the last moment of its 5 minutes', async () => {
    const client = f.sandbox('us')
    const user = client.user('otp')
    await client.sendOtp(user.userId)
    f.clock.advance(5 * MIN - 1)
    const res = await client.login({ email: user.email, password: user.password, otpCode: client.env.lastOtp(user.email, 'us') })
    expect(res.status).toBe(200)
    expect(res.body.accessToken).toMatch(/^US_/)
  })
})

describe('4 refresh token of 7 days (the guide\'s figure, as an option)', () => {
  const g = useVendorSimulator({ refreshTokenDays: 7 })

  it('says refresh_token_expires_in 604800 and refuses the token after 7 days', async () => {
    const client = g.sandbox()
    const { refresh, reply } = await client.tokens()
    expect(reply.body.refresh_token_expires_in).toBe(604_800)
    g.clock.advance(7 * DAY)
    const res = await client.token({ grant_type: 'refresh_token', refresh_token: refresh })
    expect(res.body.simulator.reason).toBe('refresh-expired')
  })
})
