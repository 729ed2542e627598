import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { analysePkce, pkceAtAuthorize, pkceRule } from '../../../../main/diagnose/rules/pkce'
import { challengeS256, createPkcePair } from '../../../../main/oauth/pkce'
import { authorizeUrl, exchange, oauthError } from '../fixtures'

const pair = createPkcePair()
const other = createPkcePair()
const evidence = (sentVerifier: string | undefined, extra: { storedVerifier?: string; challenge?: string } = {}) => ({
  step: 'token',
  now: 0,
  authorizeUrl: authorizeUrl({ code_challenge: extra.challenge ?? pair.challenge, code_challenge_method: 'S256', redirect_uri: 'http://127.0.0.1/callback' }),
  exchange: exchange({ body: { grant_type: 'authorization_code', code: 'c', redirect_uri: 'http://127.0.0.1/callback', ...(sentVerifier !== undefined && { code_verifier: sentVerifier }) } }),
  ...(extra.storedVerifier !== undefined && { storedVerifier: extra.storedVerifier }),
})
const value = (c: ReturnType<typeof analysePkce>, label: string) => c?.evidence.find((e) => e.label === label)?.value

describe('PKCE rule', () => {
  it('names a regenerated verifier and shows both challenge strings', () => {
    const c = pkceRule(oauthError('invalid_grant'), evidence(other.verifier, { storedVerifier: pair.verifier }))
    expect(c?.id).toBe('pkce.mismatch.verifier_regenerated')
    expect(c?.likelihood).toBe('confirmed')
    expect(value(c, 'code_challenge sent at authorize')).toBe(pair.challenge)
    expect(value(c, 'S256 of the verifier stored at authorize')).toBe(pair.challenge)
    expect(value(c, 'S256 of the code_verifier sent')).toBe(other.challenge)
    // The verifiers themselves never appear in the evidence.
    expect(JSON.stringify(c)).not.toContain(pair.verifier)
    expect(JSON.stringify(c)).not.toContain(other.verifier)
  })

  it('names a verifier cut short on its way, and where it differs', () => {
    const c = pkceRule(oauthError('invalid_grant'), evidence(pair.verifier.slice(0, -1), { storedVerifier: pair.verifier }))
    expect(c?.id).toBe('pkce.mismatch.verifier_altered')
    expect(value(c, 'verifier stored vs sent')).toBe('43 vs 42 characters; first difference at character 43')
    expect(value(c, 'code_verifier sent')).toContain('42 characters')
  })

  it('recognises the challenge sent as the verifier', () => {
    expect(pkceRule(oauthError('invalid_grant'), evidence(pair.challenge))?.id).toBe('pkce.mismatch.challenge_as_verifier')
  })

  it('recognises standard base64 and hex challenges', () => {
    const digest = createHash('sha256').update(pair.verifier).digest()
    const std = analysePkce({ challenge: digest.toString('base64'), sentVerifier: pair.verifier })
    expect(std?.id).toBe('pkce.mismatch.encoding')
    expect(std?.text).toContain('standard base64')
    expect(analysePkce({ challenge: digest.toString('hex'), sentVerifier: pair.verifier })?.text).toContain('hex')
    expect(analysePkce({ challenge: pair.verifier, sentVerifier: pair.verifier, storedVerifier: pair.verifier })?.id).toBe('pkce.mismatch.plain')
  })

  it('falls back to a plain mismatch when the run kept no verifier', () => {
    const c = pkceRule(oauthError('invalid_grant'), evidence(other.verifier))
    expect(c).toMatchObject({ id: 'pkce.mismatch', likelihood: 'confirmed' })
  })

  it('notices a missing verifier, and a verifier without a challenge', () => {
    expect(pkceRule(oauthError('invalid_request'), evidence(undefined))?.id).toBe('pkce.verifier_missing')
    expect(analysePkce({ sentVerifier: pair.verifier })?.id).toBe('pkce.missing_at_authorize')
  })

  it('does not fire when the verifier matches, on other errors, or for a refresh', () => {
    expect(pkceRule(oauthError('invalid_grant'), evidence(pair.verifier, { storedVerifier: pair.verifier }))).toBeUndefined()
    expect(pkceRule(oauthError('invalid_client', 401), evidence(other.verifier))).toBeUndefined()
    const refresh = { ...evidence(other.verifier), exchange: exchange({ body: { grant_type: 'refresh_token', refresh_token: 'r' } }) }
    expect(pkceRule(oauthError('invalid_grant'), refresh)).toBeUndefined()
    expect(pkceRule(oauthError('invalid_grant'), { ...evidence(other.verifier), authorizeUrl: undefined })).toBeUndefined()
  })
})

describe('PKCE at the authorization request', () => {
  it('confirms a missing challenge', () => {
    const c = pkceAtAuthorize(authorizeUrl({ state: 's' }))
    expect(c).toMatchObject({ id: 'authorize.missing_pkce', likelihood: 'confirmed' })
    expect(c?.evidence[0]).toEqual({ label: 'code_challenge in the authorization request', value: '(absent)' })
  })

  it('names the characters base64url does not allow', () => {
    const std = createHash('sha256').update(pair.verifier).digest('base64')
    const c = pkceAtAuthorize(authorizeUrl({ code_challenge: std, code_challenge_method: 'S256' }))
    expect(c?.id).toBe('authorize.pkce_encoding')
    expect(c?.evidence.find((e) => e.label === 'problem')?.value).toContain('=')
  })

  it('does not fire for a well-formed challenge or without the request', () => {
    expect(pkceAtAuthorize(authorizeUrl({ code_challenge: challengeS256(pair.verifier) }))).toBeUndefined()
    expect(pkceAtAuthorize(undefined)).toBeUndefined()
  })
})
