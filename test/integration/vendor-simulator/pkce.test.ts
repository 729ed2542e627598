import { describe, expect, it } from 'vitest'
import { challengeS256, createPkcePair } from '../../../main/oauth/pkce'
import { useVendorSimulator } from '../../support/vendor-simulator'

/** baanx-oauth.md §7: PKCE S256, required on every flow, verifier of 43–128 unreserved characters. */
const f = useVendorSimulator()

/** Steps 1–3 with a verifier of our choosing, then the exchange. */
async function exchangeWith(verifier: string, sentVerifier = verifier) {
  const client = f.sandbox()
  const { code, session } = await client.code('plain', { code_challenge: challengeS256(verifier) })
  return client.token({ grant_type: 'authorization_code', code, redirect_uri: session.redirectUri, code_verifier: sentVerifier })
}

describe('7 PKCE', () => {
  it.each([
    { name: '43 characters (32 random bytes, base64url)', verifier: createPkcePair().verifier },
    { name: '128 characters', verifier: 'a'.repeat(128) },
    { name: 'every unreserved character', verifier: `AZaz09-._~${'x'.repeat(40)}` },
  ])('accepts a verifier of $name', async ({ verifier }) => {
    expect((await exchangeWith(verifier)).status).toBe(200)
  })

  it.each([
    { name: '42 characters', verifier: 'a'.repeat(42) },
    { name: '129 characters', verifier: 'a'.repeat(129) },
    { name: 'a character outside the set (+)', verifier: `${'a'.repeat(42)}+` },
  ])('refuses a verifier of $name with invalid_request', async ({ verifier }) => {
    const res = await exchangeWith(verifier)
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ error: 'invalid_request', simulator: { reason: 'verifier-format' } })
  })

  it("refuses the docs' own 40-character hex example verifier, and says so", async () => {
    // Shaped like the token reference's example: 40 hex characters (the real value is not reproduced).
    const docsExample = 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0'
    const res = await exchangeWith(docsExample)
    expect(res.status).toBe(400)
    expect(res.body.simulator.reason).toBe('verifier-docs-example')
    expect(res.body.error_description).toContain('too short')
  })

  it('a verifier regenerated between step 1 and step 4 fails with invalid_grant', async () => {
    const res = await exchangeWith(createPkcePair().verifier, createPkcePair().verifier)
    expect(res.body).toMatchObject({ error: 'invalid_grant', simulator: { reason: 'pkce-mismatch' } })
  })

  it('only S256: "plain" is refused at step 1', async () => {
    const client = f.sandbox()
    const res = await client.initiate(client.initiateQuery(createPkcePair(), { code_challenge_method: 'plain' }))
    expect(res.body).toMatchObject({ error: 'invalid_request', simulator: { reason: 'unsupported-challenge-method' } })
  })

  it.each([
    { name: 'standard base64 with padding', challenge: `${Buffer.alloc(32, 0xfb).toString('base64')}` },
    { name: 'the verifier itself instead of its hash', challenge: 'a'.repeat(60) },
  ])('the challenge must be base64url without padding: $name is invalid_request', async ({ challenge }) => {
    const client = f.sandbox()
    const res = await client.initiate(client.initiateQuery(createPkcePair(), { code_challenge: challenge }))
    expect(res.status).toBe(400)
    expect(res.body.simulator.reason).toBe('challenge-encoding')
  })
})
