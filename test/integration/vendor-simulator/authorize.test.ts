import { describe, expect, it } from 'vitest'
import { useVendorSimulator } from '../../support/vendor-simulator'

/** baanx-oauth.md §3.4, §2 ("token confusion") and checklist §9.5: step 3 in API mode. */
const f = useVendorSimulator()

describe('3.4 authorize', () => {
  it('with the login token as Bearer and the session JWT in the body, answers {url, code, state}', async () => {
    const client = f.sandbox()
    const session = await client.startSession({ state: 'Xy-123_state' })
    const res = await client.authorize(await client.signIn(), session.token)
    expect(res.status).toBe(200)
    expect(Object.keys(res.body).sort()).toEqual(['code', 'state', 'url'])
    expect(res.body.state).toBe('Xy-123_state')
    expect(res.body.url).toBe(`${session.redirectUri}?state=Xy-123_state&code=${encodeURIComponent(res.body.code)}`)
  })

  it('works for an OTP user once the OTP was given', async () => {
    const client = f.sandbox()
    const session = await client.startSession()
    expect((await client.authorize(await client.signIn('otp'), session.token)).status).toBe(200)
  })

  it('token confusion: the session JWT as Bearer gets 401 Not authenticated, saying which token it was', async () => {
    const client = f.sandbox()
    const session = await client.startSession()
    const login = await client.signIn()
    const res = await client.authorize(session.token, login)
    expect(res.status).toBe(401)
    expect(res.body.message).toBe('Not authenticated')
    expect(res.body.simulator.reason).toBe('session-jwt-as-bearer')
  })

  it('token confusion: the login token in the body (instead of the JWT) is invalid_request', async () => {
    const client = f.sandbox()
    const login = await client.signIn()
    const res = await client.authorize(login, login)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: 'invalid_request', simulator: { reason: 'login-token-in-body' } })
  })

  it('token confusion: a final OAuth access token as Bearer gets 401', async () => {
    const client = f.sandbox()
    const { access } = await client.tokens()
    const session = await client.startSession()
    const res = await client.authorize(access, session.token)
    expect(res.status).toBe(401)
    expect(res.body.simulator.reason).toBe('oauth-token-as-login-token')
  })

  it('answers 401 without an Authorization header', async () => {
    const client = f.sandbox()
    const session = await client.startSession()
    const res = await client.authorize(undefined, session.token)
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ message: 'Not authenticated', simulator: { reason: 'missing-bearer' } })
  })

  it('answers invalid_request "Missing required parameter: token" without the JWT', async () => {
    const client = f.sandbox()
    const res = await client.authorize(await client.signIn(), undefined)
    expect(res.status).toBe(400)
    expect(res.body.error_description).toBe('Missing required parameter: token')
  })

  it('a session gives one code: authorizing it again is refused', async () => {
    const client = f.sandbox()
    const session = await client.startSession()
    const login = await client.signIn()
    expect((await client.authorize(login, session.token)).status).toBe(200)
    const again = await client.authorize(login, session.token)
    expect(again.status).toBe(400)
    expect(again.body.simulator.reason).toBe('session-used')
  })

  it('a session started in the US region does not authorize in the international one', async () => {
    const us = f.sandbox('us')
    const session = await us.startSession()
    const intl = f.sandbox()
    const res = await intl.authorize(await intl.signIn(), session.token)
    expect(res.status).toBe(400)
    expect(res.body.simulator.reason).toBe('session-wrong-region')
  })

  it('a forged session JWT is invalid_request', async () => {
    const client = f.sandbox()
    const session = await client.startSession()
    const [head, body] = session.token.split('.')
    const res = await client.authorize(await client.signIn(), `${head}.${body}.${'A'.repeat(43)}`)
    expect(res.status).toBe(400)
    expect(res.body.simulator.reason).toBe('session-invalid')
  })
})
