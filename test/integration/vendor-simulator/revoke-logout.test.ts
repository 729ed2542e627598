import { describe, expect, it } from 'vitest'
import { useVendorSimulator } from '../../support/vendor-simulator'

/** baanx-oauth.md §3.6, §3.7 and checklist §9.7. */
const f = useVendorSimulator()

describe('3.6 revoke', () => {
  it('answers {success: true}; every token of that client and user then fails, the login session does not', async () => {
    const client = f.sandbox()
    const older = await client.tokens()
    const newer = await client.tokens()
    const res = await client.call('DELETE', '/v1/auth/oauth/revoke', { headers: { authorization: `Bearer ${newer.access}` } })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ success: true })

    for (const access of [older.access, newer.access]) {
      const after = await client.profile(access)
      expect(after.status).toBe(401)
      expect(after.body).toMatchObject({ message: 'Not authenticated', simulator: { reason: 'access-token-revoked' } })
    }
    const refresh = await client.token({ grant_type: 'refresh_token', refresh_token: older.refresh })
    expect(refresh.body).toMatchObject({ error: 'invalid_grant', simulator: { reason: 'refresh-revoked' } })

    // "The user's own account session is not logged out": the login token still authorizes.
    const session = await client.startSession()
    expect((await client.authorize(newer.loginToken, session.token)).status).toBe(200)
  })

  it('leaves other users alone, and clears isLinked for the revoked one', async () => {
    const client = f.sandbox()
    const mine = await client.tokens('plain')
    const theirs = await client.tokens('partial')
    await client.call('DELETE', '/v1/auth/oauth/revoke', { headers: { authorization: `Bearer ${mine.access}` } })
    expect((await client.profile(theirs.access)).status).toBe(200)
    const user = client.user('plain')
    expect((await client.login({ email: user.email, password: user.password })).body.isLinked).toBe(false)
  })

  it('wants the final access token: a login token gets 401', async () => {
    const client = f.sandbox()
    const res = await client.call('DELETE', '/v1/auth/oauth/revoke', { headers: { authorization: `Bearer ${await client.signIn()}` } })
    expect(res.status).toBe(401)
    expect(res.body.simulator.reason).toBe('login-token-as-bearer')
  })
})

describe('3.7 logout', () => {
  it('kills the presented access token at once: later calls get 401 Not authenticated', async () => {
    const client = f.sandbox()
    const { access, refresh } = await client.tokens()
    const res = await client.call('POST', '/v1/auth/logout', { headers: { authorization: `Bearer ${access}` } })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ success: true })
    const after = await client.profile(access)
    expect(after.status).toBe(401)
    expect(after.body).toMatchObject({ message: 'Not authenticated', simulator: { reason: 'access-token-logged-out' } })
    // Only that token: the refresh token survives (which is why OAuth clients should revoke).
    expect((await client.token({ grant_type: 'refresh_token', refresh_token: refresh })).status).toBe(200)
  })

  it('kills a login token too: step 3 with it then gets 401', async () => {
    const client = f.sandbox()
    const login = await client.signIn()
    expect((await client.call('POST', '/v1/auth/logout', { headers: { authorization: `Bearer ${login}` } })).status).toBe(200)
    const res = await client.authorize(login, (await client.startSession()).token)
    expect(res.status).toBe(401)
    expect(res.body.simulator.reason).toBe('login-token-logged-out')
  })

  it('answers 401 without a Bearer', async () => {
    const res = await f.sandbox().call('POST', '/v1/auth/logout')
    expect(res.status).toBe(401)
    expect(res.body.message).toBe('Not authenticated')
  })
})
