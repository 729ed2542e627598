import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK, type JWTPayload } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import type { KeyProvider } from '../../../main/oauth/jwks'
import { tokenHash } from '../../../main/oauth/token-hash'
import { verifyJwt, type JwtExpectations } from '../../../main/oauth/verify-jwt'

/**
 * The checklist's rules one by one, with a key set held in memory (the HTTP side is covered by
 * the integration tests against the sandbox and a real JWKS server).
 */
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0)
const now = NOW / 1000
let privateKey: CryptoKey
let keys: KeyProvider

beforeAll(async () => {
  const pair = await generateKeyPair('RS256')
  privateKey = pair.privateKey
  const publicJwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }
  keys = { uri: 'memory:jwks', get: async () => ({ ok: true, jwks: { keys: [publicJwk] } }) }
})

const base: JWTPayload = { iss: 'https://as.example', aud: 'client-1', sub: 'alice', iat: now - 10, exp: now + 3600, nonce: 'n-1' }
const expect_: JwtExpectations = { kind: 'id_token', issuer: 'https://as.example', clientId: 'client-1', nonce: 'n-1' }
const sign = (claims: JWTPayload, header: Record<string, unknown> = {}): Promise<string> =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1', ...header }).sign(privateKey)
const run = (token: string, expectations: JwtExpectations = expect_) =>
  verifyJwt(token, expectations, { allowedAlgs: ['RS256'], allowedFrom: 'the test', keys, now: NOW, skewSeconds: 30 })
const lines = async (token: string, expectations?: JwtExpectations) =>
  Object.fromEntries((await run(token, expectations)).checks.map((c) => [c.check, c.status]))

describe('verifyJwt', () => {
  it('checks at_hash against the access token issued with the ID token', async () => {
    const token = await sign({ ...base, at_hash: tokenHash('the-access-token', 'RS256') })
    expect((await lines(token, { ...expect_, accessToken: 'the-access-token' })).at_hash).toBe('pass')
    expect((await lines(token, { ...expect_, accessToken: 'another-access-token' })).at_hash).toBe('fail')
  })

  it('fails the nonce line for a missing or different nonce', async () => {
    expect((await lines(await sign({ ...base, nonce: 'other' }))).nonce).toBe('fail')
    const { nonce: _drop, ...withoutNonce } = base
    expect((await lines(await sign(withoutNonce))).nonce).toBe('fail')
  })

  it('refuses an access token (typ at+jwt) presented as an ID token', async () => {
    expect((await lines(await sign(base, { typ: 'at+jwt' }))).typ).toBe('fail')
  })

  it('pins the algorithm: one the server does not announce fails, HMAC is not checked', async () => {
    const r = await verifyJwt(await sign(base), expect_, { allowedAlgs: ['ES256'], allowedFrom: 'the server', keys, now: NOW, skewSeconds: 30 })
    expect(r.checks.slice(0, 2).map((c) => [c.check, c.status])).toEqual([['alg', 'fail'], ['signature', 'skip']])
    const hmac = await new SignJWT(base).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('x'.repeat(32)))
    expect((await lines(hmac)).alg).toBe('skip')
  })

  it('applies the skew to nbf and iat, and needs azp with several audiences', async () => {
    expect((await lines(await sign({ ...base, nbf: now + 20 }))).nbf).toBe('pass')
    expect((await lines(await sign({ ...base, nbf: now + 120 }))).nbf).toBe('fail')
    expect((await lines(await sign({ ...base, iat: now + 120 }))).iat).toBe('fail')
    expect((await lines(await sign({ ...base, aud: ['client-1', 'api'] }))).azp).toBe('fail')
    expect((await lines(await sign({ ...base, aud: ['client-1', 'api'], azp: 'client-1' }))).azp).toBe('pass')
  })

  it('checks a JWT access token against the resource, not the client id', async () => {
    const at = await sign({ iss: 'https://as.example', aud: 'https://api.example', client_id: 'client-1', iat: now, exp: now + 600 }, { typ: 'at+jwt' })
    const r = await lines(at, { kind: 'access_token', issuer: 'https://as.example', clientId: 'client-1', audience: 'https://api.example' })
    expect(r).toMatchObject({ signature: 'pass', typ: 'pass', aud: 'pass', azp: 'pass', nonce: 'skip', at_hash: 'skip' })
  })

  it('says an opaque access token can only be introspected, and an opaque ID token is wrong', async () => {
    expect((await run('opaque-token-value', { ...expect_, kind: 'access_token' })).checks).toEqual([
      { check: 'format', status: 'skip', why: expect.stringContaining('introspection') },
    ])
    expect((await run('opaque-token-value')).checks[0]?.status).toBe('fail')
  })
})
