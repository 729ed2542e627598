import { describe, expect, it } from 'vitest'
import { createPkcePair } from '../../../main/oauth/pkce'
import { INITIATE_REQUIRED } from '../../../main/sandbox/vendor/endpoints/initiate'
import { jwtClaims, useVendorSimulator } from '../../support/vendor-simulator'

/** baanx-oauth.md §3.1 and checklist §9.3: `GET /v1/auth/oauth/authorize/initiate`. */
const f = useVendorSimulator()

describe('3.1 initiate', () => {
  it('API mode (mode=api) answers 200 with the session JWT (token) and the hosted-UI url', async () => {
    const client = f.sandbox()
    const res = await client.initiate(client.initiateQuery(createPkcePair()))
    expect(res.status).toBe(200)
    expect(Object.keys(res.body).sort()).toEqual(['token', 'url'])
    expect(res.body.token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(res.body.url).toMatch(new RegExp(`^${client.env.baseUrl}/hosted\\?session=`))
    const claims = jwtClaims(res.body.token)
    expect(claims).toMatchObject({ client_id: client.clientKey, mode: 'api', env: 'sandbox', region: 'international' })
  })

  it('hosted-UI mode (no mode) answers 302 to the hosted-UI URL', async () => {
    const client = f.sandbox()
    const res = await client.initiate(client.initiateQuery(createPkcePair(), { mode: undefined }))
    expect(res.status).toBe(302)
    expect(res.headers.get('location')).toMatch(new RegExp(`^${client.env.baseUrl}/hosted\\?session=eyJ`))
  })

  it('hosted-UI mode answers JSON {token, url} to a client that asks for JSON', async () => {
    const client = f.sandbox()
    const res = await client.initiate(client.initiateQuery(createPkcePair(), { mode: undefined }), { headers: { accept: 'application/json' } })
    expect(res.status).toBe(200)
    expect(jwtClaims(res.body.token).mode).toBe('hosted')
    expect(res.body.url).toContain('/hosted?session=')
  })

  it('ignores parameters it does not know (MetaMask sends client_secret)', async () => {
    const client = f.sandbox()
    const res = await client.initiate(client.initiateQuery(createPkcePair(), { client_secret: client.secretKey, scope: 'anything' }))
    expect(res.status).toBe(200)
  })

  it.each(INITIATE_REQUIRED)('answers invalid_request "Missing required parameter: %s" when it is missing', async (name) => {
    const client = f.sandbox()
    const res = await client.initiate(client.initiateQuery(createPkcePair(), { [name]: undefined }))
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: 'invalid_request', error_description: `Missing required parameter: ${name}` })
  })

  it('parameter names are case-sensitive: codeChallenge is not code_challenge', async () => {
    const client = f.sandbox()
    const pkce = createPkcePair()
    const res = await client.initiate(client.initiateQuery(pkce, { code_challenge: undefined, codeChallenge: pkce.challenge }))
    expect(res.status).toBe(400)
    expect(res.body.error_description).toBe('Missing required parameter: code_challenge')
  })

  it('refuses a response_type other than "code" with invalid_request', async () => {
    const client = f.sandbox()
    const res = await client.initiate(client.initiateQuery(createPkcePair(), { response_type: 'token' }))
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('invalid_request')
    expect(res.body.simulator.reason).toBe('unsupported-response-type')
  })

  it('refuses a client_id that is not the x-client-key with invalid_client', async () => {
    const client = f.sandbox()
    const res = await client.initiate(client.initiateQuery(createPkcePair(), { client_id: 'someone-else' }))
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ error: 'invalid_client', simulator: { reason: 'client-id-mismatch' } })
  })

  it('answers unauthorized_client for a client whose OAuth access is not enabled', async () => {
    const client = f.sandbox('international', 1)
    const res = await client.initiate(client.initiateQuery(createPkcePair()))
    expect(res.status).toBe(400)
    expect(res.body.error).toBe('unauthorized_client')
  })
})
