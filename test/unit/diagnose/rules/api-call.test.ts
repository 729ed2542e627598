import { SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { bearerFormatCause, bearerProblem } from '../../../../main/diagnose/rules/bearer-format'
import { tokenConfusionCause } from '../../../../main/diagnose/rules/token-confusion'

describe('Bearer format', () => {
  it('names what is wrong, without the token', () => {
    expect(bearerProblem(undefined)).toBe('no Authorization header at all')
    expect(bearerProblem('Bearer  abc')).toBe('more than one space after "Bearer"')
    expect(bearerProblem('Bearer Bearer abc')).toBe('"Bearer" appears twice')
    expect(bearerProblem('Bearer "abc"')).toBe('the token is wrapped in quotes')
    expect(bearerProblem('Token abc')).toBe('the scheme is "Token", not "Bearer"')
    expect(bearerProblem('abc.def.ghi')).toBe('the token was sent without the `Bearer ` scheme')
    expect(bearerProblem('Bearer undefined')).toBe('no token after "Bearer"')
    expect(bearerProblem('bearer abc')).toContain('written "bearer"')
    const c = bearerFormatCause('Bearer  secret-token-value')
    expect(c).toMatchObject({ id: 'api.bearer_format', likelihood: 'confirmed' })
    expect(JSON.stringify(c)).not.toContain('secret-token-value')
  })

  it('does not fire for a well-formed header', () => {
    expect(bearerFormatCause('Bearer abc.def-_~+/=')).toBeUndefined()
  })
})

describe('token confusion', () => {
  const known = [
    { kind: 'access_token' as const, label: 'the access token #1', value: 'access-value-1234567890' },
    { kind: 'session_jwt' as const, label: 'the session JWT of step 1', value: 'session-value-1234567890' },
    { kind: 'id_token' as const, label: 'the ID token #1', value: 'id-value-1234567890' },
  ]

  it('recognises a step token by value and says where it belongs', () => {
    const c = tokenConfusionCause('session-value-1234567890', known)
    expect(c).toMatchObject({ id: 'api.wrong_token_type', likelihood: 'confirmed' })
    expect(c?.evidence[0]).toEqual({ label: 'token sent', value: 'the session JWT of step 1' })
    expect(c?.evidence[2]?.value).toBe('the body of the authorize step only')
    expect(JSON.stringify(c)).not.toContain('session-value')
  })

  it('reads an unknown JWT with a nonce as an ID token', async () => {
    const key = new TextEncoder().encode('k'.repeat(32))
    const idToken = await new SignJWT({ nonce: 'n', aud: 'app' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key)
    expect(tokenConfusionCause(idToken, [])).toMatchObject({ id: 'api.wrong_token_type', likelihood: 'likely' })
    const accessJwt = await new SignJWT({ scope: 'api', aud: 'api' }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(key)
    expect(tokenConfusionCause(accessJwt, [])).toBeUndefined()
  })

  it('does not fire for the access token or an unknown opaque token', () => {
    expect(tokenConfusionCause('access-value-1234567890', known)).toBeUndefined()
    expect(tokenConfusionCause('opaque-unknown', known)).toBeUndefined()
    expect(tokenConfusionCause(undefined, known)).toBeUndefined()
  })
})
