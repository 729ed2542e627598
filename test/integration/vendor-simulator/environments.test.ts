import { describe, expect, it } from 'vitest'
import { createPkcePair } from '../../../main/oauth/pkce'
import { useVendorSimulator } from '../../support/vendor-simulator'

/** baanx-oauth.md §1 (environments, keys, regions), §6 (redirect URIs), checklist §9.1. */
const f = useVendorSimulator()

describe('1 environments and keys', () => {
  it('runs sandbox and production-like side by side, on two ports of 127.0.0.1', () => {
    const { sandbox, production } = f.sim.environments
    expect(sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(production.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(sandbox.port).not.toBe(production.port)
    expect(sandbox.keys.international[0]!.clientKey).not.toBe(production.keys.international[0]!.clientKey)
  })

  it('production has its own keys and users: the whole flow works there with them', async () => {
    const client = f.production()
    const { access } = await client.tokens('otp')
    expect((await client.profile(access)).status).toBe(200)
  })

  it('sandbox keys at production: invalid_client on the OAuth endpoints, 498 on the others', async () => {
    const sandboxKey = f.sandbox().clientKey
    const prod = f.production()
    const initiate = await prod.initiate(prod.initiateQuery(createPkcePair(), { client_id: sandboxKey }), { headers: { 'x-client-key': sandboxKey } })
    expect(initiate.status).toBe(401)
    expect(initiate.body).toMatchObject({ error: 'invalid_client', simulator: { reason: 'wrong-environment-key' } })
    expect(initiate.body.error_description).toContain('sandbox key')
    const login = await prod.login({ email: 'plain@intl.production.test', password: 'production-password' }, { headers: { 'x-client-key': sandboxKey } })
    expect(login.status).toBe(498)
  })

  it('sandbox data does not transfer: a sandbox user cannot sign in to production', async () => {
    const prod = f.production()
    const sandboxUser = f.sandbox().user('plain')
    const res = await prod.login({ email: sandboxUser.email, password: sandboxUser.password })
    expect(res.status).toBe(400)
    expect(res.body.message).toBe('Invalid credentials')
    expect(res.body.simulator.note).toContain('sandbox environment')
  })

  it('a token from the sandbox is not valid in production (401 Not authenticated)', async () => {
    const { access } = await f.sandbox().tokens()
    const res = await f.production().profile(access)
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ message: 'Not authenticated', simulator: { reason: 'wrong-environment' } })
  })
})

describe('1 regions (x-us-env)', () => {
  it('x-us-env: true reaches the US region, with its own keys, users and US_-prefixed tokens', async () => {
    const us = f.sandbox('us')
    const login = await us.signIn()
    expect(login).toMatch(/^US_[0-9a-f-]{36}$/)
    const { access, refresh } = await us.tokens()
    expect(access).toMatch(/^US_access_token_/)
    expect(refresh).toMatch(/^US_refresh_token_/)
    const profile = await us.profile(access)
    expect(profile.body).toMatchObject({ email: 'plain@us.sandbox.test', region: 'us' })
  })

  it('region=us in the query picks the US region too', async () => {
    const us = f.sandbox('us')
    const user = us.user('plain')
    const res = await us.call('POST', '/v1/auth/login?region=us', {
      headers: { 'x-us-env': undefined },
      json: { email: user.email, password: user.password },
    })
    expect(res.status).toBe(200)
    expect(res.body.accessToken).toMatch(/^US_/)
  })

  it('a US key without x-us-env fails: 498 at the gateway, invalid_client at the OAuth endpoints', async () => {
    const us = f.sandbox('us')
    const login = await us.login({ email: 'plain@us.sandbox.test', password: 'sandbox-password' }, { headers: { 'x-us-env': undefined } })
    expect(login.status).toBe(498)
    expect(login.body.simulator).toMatchObject({ reason: 'wrong-region-key' })
    expect(login.body.simulator.note).toContain('x-us-env: true')
    const token = await us.token({ grant_type: 'refresh_token', refresh_token: 'x' }, { headers: { 'x-us-env': undefined } })
    expect(token.body).toMatchObject({ error: 'invalid_client', simulator: { reason: 'wrong-region-key' } })
  })

  it('a US user does not exist in the international region', async () => {
    const user = f.sandbox('us').user('plain')
    const res = await f.sandbox().login({ email: user.email, password: user.password })
    expect(res.status).toBe(400)
    expect(res.body.simulator.note).toContain('US region')
  })

  it('a token used in the wrong region is invalid (401 Not authenticated)', async () => {
    const { access } = await f.sandbox('us').tokens()
    const res = await f.sandbox().profile(access)
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ message: 'Not authenticated', simulator: { reason: 'wrong-region' } })
  })
})

describe('6 redirect URI rules', () => {
  const initiateWith = (client: ReturnType<typeof f.sandbox>, redirectUri: string) =>
    client.initiate(client.initiateQuery(createPkcePair(), { redirect_uri: redirectUri }))

  it.each([
    'https://example.com/callback',
    'dev.oauthflowtester:/callback',
    'http://127.0.0.1:53100/callback',
    'http://127.0.0.1:8080/callback',
  ])('sandbox accepts %s', async (uri) => {
    expect((await initiateWith(f.sandbox(), uri)).status).toBe(200)
  })

  it.each([
    { uri: 'https://example.com/callback/', reason: 'redirect-trailing-slash' },
    { uri: 'https://example.com/callback?from=app', reason: 'redirect-query-in-uri' },
    { uri: 'http://127.0.0.1:8080/callback/', reason: 'redirect-trailing-slash' },
    { uri: 'http://127.0.0.1:8080/other', reason: 'redirect-not-whitelisted' },
    { uri: 'https://evil.example/callback', reason: 'redirect-not-whitelisted' },
    { uri: 'http://localhost:8080/callback', reason: 'redirect-not-whitelisted' },
    { uri: 'com.example.app:/callback', reason: 'redirect-scheme-not-approved' },
  ])('sandbox refuses $uri as a redirect_uri mismatch ($reason)', async ({ uri, reason }) => {
    const res = await initiateWith(f.sandbox(), uri)
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_request')
    expect(res.body.error_description).toMatch(/^redirect_uri mismatch/)
    expect(res.body.simulator.reason).toBe(reason)
  })

  it('says a custom scheme needs TAM approval', async () => {
    const res = await initiateWith(f.sandbox(), 'com.example.app:/callback')
    expect(res.body.error_description).toContain('Technical Account Manager')
  })

  it.each(['https://example.com/callback', 'dev.oauthflowtester:/callback'])('production accepts %s', async (uri) => {
    expect((await initiateWith(f.production(), uri)).status).toBe(200)
  })

  it.each([
    { uri: 'http://127.0.0.1:8080/callback', reason: 'redirect-https-required' },
    { uri: 'http://example.com/callback', reason: 'redirect-https-required' },
    { uri: 'com.example.app:/callback', reason: 'redirect-scheme-not-approved' },
  ])('production refuses $uri ($reason)', async ({ uri, reason }) => {
    const res = await initiateWith(f.production(), uri)
    expect(res.status).toBe(400)
    expect(res.body.simulator.reason).toBe(reason)
  })
})
