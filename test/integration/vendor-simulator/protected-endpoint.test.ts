import { describe, expect, it } from 'vitest'
import { useVendorSimulator } from '../../support/vendor-simulator'

/**
 * The protected test endpoint (`GET /v1/user/profile`, our pick) and the guide's "401 after
 * successful token exchange" / "token confusion" / 403 entries (baanx-oauth.md §5.2).
 */
const f = useVendorSimulator()

describe('protected test endpoint: GET /v1/user/profile', () => {
  it('answers the user to the final access token plus x-client-key', async () => {
    const client = f.sandbox()
    const { access } = await client.tokens('plain')
    const res = await client.profile(access)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ email: client.user('plain').email, id: client.user('plain').userId, region: 'international' })
  })

  it.each([
    { name: 'the step-1 session JWT', pick: 'sessionToken', reason: 'session-jwt-as-bearer' },
    { name: 'the login token', pick: 'loginToken', reason: 'login-token-as-bearer' },
    { name: 'the refresh token', pick: 'refresh', reason: 'refresh-token-as-bearer' },
  ] as const)('token confusion: $name as Bearer gets 401 Not authenticated ($reason)', async ({ pick, reason }) => {
    const client = f.sandbox()
    const tokens = await client.tokens()
    const res = await client.profile(tokens[pick])
    expect(res.status).toBe(401)
    expect(res.body.message).toBe('Not authenticated')
    expect(res.body.simulator.reason).toBe(reason)
  })

  it('answers 401 to a badly formed Authorization header (extra space, no "Bearer")', async () => {
    const client = f.sandbox()
    const { access } = await client.tokens()
    // (A trailing space cannot be tested: HTTP strips it from header values.)
    for (const header of [`Bearer  ${access}`, access, `Token ${access}`]) {
      const res = await client.call('GET', '/v1/user/profile', { headers: { authorization: header } })
      expect(res.status).toBe(401)
      expect(res.body.simulator.reason).toBe('malformed-bearer')
    }
  })

  it('answers 499 to the right token without x-client-key', async () => {
    const client = f.sandbox()
    const { access } = await client.tokens()
    const res = await client.profile(access, { noClientKey: true })
    expect(res.status).toBe(499)
    expect(res.body.message).toBe('Missing client key')
  })

  it('answers 403 Not authorized when the account lacks permission (the restricted user)', async () => {
    const client = f.sandbox()
    const { access } = await client.tokens('restricted')
    const res = await client.profile(access)
    expect(res.status).toBe(403)
    expect(res.body.message).toBe('Not authorized')
  })
})
