import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Result } from '../../shared/contract/result'
import type { Verification } from '../../shared/domain/token-inspection'
import { SANDBOX_RESOURCE } from '../../main/sandbox/oidc/oidc-sandbox'
import { SandboxManager } from '../../main/sandbox/sandbox-manager'
import { EngineHarness } from '../support/engine-harness'
import { FakeClock } from '../support/fake-clock'

const value = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}
const failing = (v: Verification): string[] => v.checks.filter((c) => c.status === 'fail').map((c) => c.check)

/** Flips one bit in the middle of the signature (the last characters carry padding bits). */
function flipSignatureByte(jwt: string): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string]
  const bytes = Buffer.from(signature, 'base64url')
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01
  return `${header}.${payload}.${bytes.toString('base64url')}`
}

/**
 * ID-token verification against the real sandbox: its discovery document, its JWKS over HTTP,
 * and the run's nonce. Each tampered token fails exactly one line of the checklist. The
 * sandbox signs with a key the test supplies, so the test can also mint a token that differs
 * from a real one in `aud` alone.
 */
describe('verifying ID tokens against the sandbox', () => {
  // Real "now", so the server's real timestamps are valid until the test moves the clock.
  const clock = new FakeClock(Date.now())
  let signing: { privateKey: CryptoKey; jwk: JWK }
  let h: EngineHarness
  let tokenSetId: string
  let idToken: string

  beforeAll(async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true })
    signing = { privateKey, jwk: { ...(await exportJWK(privateKey)), kid: 'test-signing-key', alg: 'RS256', use: 'sig' } }
    h = new EngineHarness(clock, new SandboxManager(clock, { signingKey: signing.jwk }))
    await h.sandbox.acquire()
    const run = await h.completeRun()
    tokenSetId = run.tokens!.id
    idToken = value(h.tokens.reveal(tokenSetId, 'id-1')).value
  })
  afterAll(async () => {
    h.sandbox.release()
    await h.close()
  })

  it('passes every check that applies to a valid ID token, each line saying why', async () => {
    const v = value(await h.tokens.verify({ tokenSetId, tokenId: 'id-1' }))
    expect(v.verdict).toBe('valid')
    expect(Object.fromEntries(v.checks.map((c) => [c.check, c.status]))).toEqual({
      alg: 'pass',
      signature: 'pass',
      typ: 'pass',
      iss: 'pass',
      aud: 'pass',
      azp: 'skip',
      exp: 'pass',
      nbf: 'skip',
      iat: 'pass',
      nonce: 'pass',
      at_hash: 'skip',
      c_hash: 'skip',
    })
    for (const c of v.checks) expect(c.why.length).toBeGreaterThan(5)
    expect(v.checks.find((c) => c.check === 'signature')?.why).toContain('test-signing-key')
    expect(v.checks.find((c) => c.check === 'alg')?.why).toContain('id_token_signing_alg_values_supported')
    expect(v).toMatchObject({ alg: 'RS256', kid: 'test-signing-key' })
    expect(v.jwksUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jwks$/)
    // The JWKS was fetched through the recorded client.
    expect(v.exchangeIds).toHaveLength(1)
    expect(value(h.tokens.exchange(v.exchangeIds[0]!)).response?.status).toBe(200)
  })

  it('fails the signature line, and no other, when one signature byte is flipped', async () => {
    const v = value(await h.tokens.verify({ tokenSetId, value: flipSignatureByte(idToken), kind: 'id_token' }))
    expect(failing(v)).toEqual(['signature'])
    expect(v.verdict).toBe('invalid')
    expect(v.checks.find((c) => c.check === 'signature')?.why).toContain('does not match')
  })

  it('fails the aud line, and no other, for a token issued to another client', async () => {
    const claims = decodeJwt(idToken)
    const header = decodeProtectedHeader(idToken)
    const forged = await new SignJWT({ ...claims, aud: 'someone-elses-client' })
      .setProtectedHeader({ ...header, alg: 'RS256' })
      .sign(signing.privateKey)
    const v = value(await h.tokens.verify({ tokenSetId, value: forged, kind: 'id_token' }))
    expect(failing(v)).toEqual(['aud'])
    expect(v.checks.find((c) => c.check === 'aud')?.why).toContain('issued to another client')
  })

  it('verifies a JWT access token (RFC 9068) issued for the sandbox API resource', async () => {
    h.addProfile({ id: 'jwt-access', scopes: 'openid offline_access api:read', extraAuthorizeParams: { resource: SANDBOX_RESOURCE } })
    const run = await h.completeRun('jwt-access')
    const id = run.tokens!.id
    expect(run.tokens!.tokens.find((t) => t.kind === 'access_token')?.format).toBe('jwt')
    const v = value(await h.tokens.verify({ tokenSetId: id, tokenId: 'access-1' }))
    expect(v.verdict).toBe('valid')
    expect(Object.fromEntries(v.checks.map((c) => [c.check, c.status]))).toMatchObject({ signature: 'pass', typ: 'pass', iss: 'pass', aud: 'pass', azp: 'pass', exp: 'pass', nonce: 'skip' })
    expect(v.checks.find((c) => c.check === 'aud')?.why).toContain(SANDBOX_RESOURCE)
    // The API takes it, and a refresh brings another JWT access token.
    expect(value(await h.tokens.callApi(id)).ok).toBe(true)
    const refreshed = value(await h.tokens.refresh(id))
    expect(refreshed.tokenSet.tokens.find((t) => t.id === 'access-2')?.format).toBe('jwt')
  })

  it('fails the exp line, and no other, once the injected clock is past exp plus the skew', async () => {
    const exp = decodeJwt(idToken).exp!
    clock.advance(exp * 1000 - clock.now() + 31_000)
    const v = value(await h.tokens.verify({ tokenSetId, tokenId: 'id-1', skewSeconds: 30 }))
    expect(failing(v)).toEqual(['exp'])
    expect(v.checks.find((c) => c.check === 'exp')?.why).toMatch(/^Expired at .*, 31 s ago \(allowed clock skew 30 s\)\.$/)
    // Within a wider skew the same token still passes.
    expect(failing(value(await h.tokens.verify({ tokenSetId, tokenId: 'id-1', skewSeconds: 60 })))).toEqual([])
  })

  it('refuses an unsigned token on the alg line', async () => {
    const [, payload] = idToken.split('.')
    const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`
    const v = value(await h.tokens.verify({ tokenSetId, value: none, kind: 'id_token' }))
    expect(v.checks.find((c) => c.check === 'alg')).toMatchObject({ status: 'fail' })
    expect(v.checks.find((c) => c.check === 'signature')).toMatchObject({ status: 'skip' })
    expect(v.verdict).toBe('invalid')
  })
})
