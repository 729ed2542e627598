import { describe, expect, it } from 'vitest'
import { CODE_GRANT_REQUIRED } from '../../../main/sandbox/vendor/endpoints/token'
import { useVendorSimulator } from '../../support/vendor-simulator'
import type { VendorClient } from '../../support/vendor-client'

/** baanx-oauth.md §3.5, §5.1 and checklist §9.6: `POST /v1/auth/oauth/token`. */
const f = useVendorSimulator()

const exchangeBody = async (client: VendorClient) => {
  const { code, session } = await client.code()
  return { grant_type: 'authorization_code', code, redirect_uri: session.redirectUri, code_verifier: session.pkce.verifier }
}

describe('3.5 token: authorization_code grant', () => {
  it('answers access_token, expires_in 21600, refresh_token, refresh_token_expires_in 15897600', async () => {
    const client = f.sandbox()
    const res = await client.token(await exchangeBody(client))
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^access_token_[0-9a-f-]{36}$/),
      token_type: 'Bearer',
      expires_in: 21600,
      refresh_token: expect.stringMatching(/^refresh_token_[0-9a-f-]{36}$/),
      refresh_token_expires_in: 15897600,
    })
  })

  it('takes JSON only: a form-encoded body is invalid_request', async () => {
    const client = f.sandbox()
    const body = await exchangeBody(client)
    const res = await client.call('POST', '/v1/auth/oauth/token', { headers: { 'x-secret-key': client.secretKey }, form: body })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: 'invalid_request', simulator: { reason: 'form-encoded-body' } })
  })

  it.each(['grant_type', ...CODE_GRANT_REQUIRED])('answers invalid_request "Missing required parameter: %s"', async (name) => {
    const client = f.sandbox()
    const body: Record<string, unknown> = await exchangeBody(client)
    delete body[name]
    const res = await client.token(body)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: 'invalid_request', error_description: `Missing required parameter: ${name}` })
  })

  it('invalid_grant for a code used twice ("Authorization code has expired or already been used")', async () => {
    const client = f.sandbox()
    const body = await exchangeBody(client)
    expect((await client.token(body)).status).toBe(200)
    const again = await client.token(body)
    expect(again.status).toBe(400)
    expect(again.body).toMatchObject({
      error: 'invalid_grant',
      error_description: 'Authorization code has expired or already been used',
      simulator: { reason: 'code-used' },
    })
  })

  it('invalid_grant for a code_verifier that does not match the challenge (PKCE)', async () => {
    const client = f.sandbox()
    const body = await exchangeBody(client)
    const res = await client.token({ ...body, code_verifier: 'B'.repeat(43) })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: 'invalid_grant', simulator: { reason: 'pkce-mismatch' } })
  })

  it('a code is spent by a failed exchange too: the right verifier afterwards gets invalid_grant', async () => {
    const client = f.sandbox()
    const body = await exchangeBody(client)
    await client.token({ ...body, code_verifier: 'B'.repeat(43) })
    const res = await client.token(body)
    expect(res.body.simulator.reason).toBe('code-used')
  })

  it.each([
    { name: 'a trailing slash', redirect: 'https://example.com/callback/', reason: 'redirect-mismatch-trailing-slash' },
    { name: 'an extra query', redirect: 'https://example.com/callback?x=1', reason: 'redirect-mismatch-query' },
    { name: 'another whitelisted URI', redirect: 'dev.oauthflowtester:/callback', reason: 'redirect-mismatch' },
  ])('redirect_uri mismatch: $name at step 4 is invalid_grant', async ({ redirect, reason }) => {
    const client = f.sandbox()
    const body = await exchangeBody(client)
    const res = await client.token({ ...body, redirect_uri: redirect })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_grant')
    expect(res.body.error_description).toMatch(/^redirect_uri mismatch/)
    expect(res.body.simulator.reason).toBe(reason)
  })

  it('invalid_grant for a code this server never issued', async () => {
    const client = f.sandbox()
    const body = await exchangeBody(client)
    const res = await client.token({ ...body, code: 'made-up' })
    expect(res.body).toMatchObject({ error: 'invalid_grant', simulator: { reason: 'unknown-code' } })
  })

  it('invalid_client for a wrong x-secret-key, and for a missing one on the code grant', async () => {
    const client = f.sandbox()
    const body = await exchangeBody(client)
    const wrong = await client.token(body, { headers: { 'x-secret-key': 'sbx-us-secret-key' } })
    expect(wrong.status).toBe(401)
    expect(wrong.body).toMatchObject({ error: 'invalid_client', simulator: { reason: 'wrong-secret' } })
    const missing = await client.token(body, { headers: { 'x-secret-key': undefined } })
    expect(missing.status).toBe(401)
    expect(missing.body).toMatchObject({ error: 'invalid_client', simulator: { reason: 'missing-secret' } })
    // Neither attempt reached the code: it still works.
    expect((await client.token(body)).status).toBe(200)
  })

  it('invalid_client for sandbox keys used against production', async () => {
    const sandbox = f.sandbox()
    const body = await exchangeBody(sandbox)
    const res = await fetch(`${f.sim.environments.production.baseUrl}/v1/auth/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-client-key': sandbox.clientKey, 'x-secret-key': sandbox.secretKey },
      body: JSON.stringify(body),
    })
    expect(res.status).toBe(401)
    const json = (await res.json()) as { error: string; simulator: { reason: string } }
    expect(json).toMatchObject({ error: 'invalid_client', simulator: { reason: 'wrong-environment-key' } })
  })

  it('answers unsupported_grant_type for another grant', async () => {
    const client = f.sandbox()
    const res = await client.token({ grant_type: 'password' })
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('unsupported_grant_type')
  })
})

describe('3.5 token: refresh_token grant (rotating)', () => {
  it('answers the same shape with a new refresh token; the old one is then invalid_grant', async () => {
    const client = f.sandbox()
    const first = await client.tokens()
    const res = await client.token({ grant_type: 'refresh_token', refresh_token: first.refresh }, { headers: { 'x-secret-key': undefined } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ expires_in: 21600, refresh_token_expires_in: 15897600 })
    expect(res.body.refresh_token).not.toBe(first.refresh)
    expect(res.body.access_token).not.toBe(first.access)
    const old = await client.token({ grant_type: 'refresh_token', refresh_token: first.refresh })
    expect(old.status).toBe(400)
    expect(old.body).toMatchObject({ error: 'invalid_grant', simulator: { reason: 'refresh-rotated' } })
    expect((await client.token({ grant_type: 'refresh_token', refresh_token: res.body.refresh_token })).status).toBe(200)
  })

  it('answers invalid_request without refresh_token, invalid_grant for an access token in its place', async () => {
    const client = f.sandbox()
    const { access } = await client.tokens()
    const missing = await client.token({ grant_type: 'refresh_token' })
    expect(missing.body.error_description).toBe('Missing required parameter: refresh_token')
    const swapped = await client.token({ grant_type: 'refresh_token', refresh_token: access })
    expect(swapped.body).toMatchObject({ error: 'invalid_grant', simulator: { reason: 'access-token-as-refresh' } })
  })
})

describe('3.5 token: options', () => {
  describe('rotation off', () => {
    const g = useVendorSimulator({ rotateRefreshTokens: false })
    it('gives the same refresh token back, and it keeps working', async () => {
      const client = g.sandbox()
      const { refresh } = await client.tokens()
      for (let i = 0; i < 2; i++) {
        const res = await client.token({ grant_type: 'refresh_token', refresh_token: refresh })
        expect(res.status).toBe(200)
        expect(res.body.refresh_token).toBe(refresh)
      }
    })
  })

  describe('x-secret-key always required', () => {
    const g = useVendorSimulator({ secretKey: 'always' })
    it('refuses a refresh without the secret', async () => {
      const client = g.sandbox()
      const { refresh } = await client.tokens()
      const res = await client.token({ grant_type: 'refresh_token', refresh_token: refresh }, { headers: { 'x-secret-key': undefined } })
      expect(res.body).toMatchObject({ error: 'invalid_client', simulator: { reason: 'missing-secret' } })
    })
  })

  describe('x-secret-key never required', () => {
    const g = useVendorSimulator({ secretKey: 'never' })
    it('exchanges a code with x-client-key alone, as the token reference example does', async () => {
      const client = g.sandbox()
      const res = await client.token(await exchangeBody(client), { headers: { 'x-secret-key': undefined } })
      expect(res.status).toBe(200)
    })
  })
})
