import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeToken } from '../../../main/oauth/jwt-decode'

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')

describe('decodeToken', () => {
  it('reads header, claims and time claims (in UTC) of a JWT', () => {
    const token = `${b64({ alg: 'RS256', kid: 'k1' })}.${b64({ sub: 'alice', iat: 1_800_000_000, exp: 1_800_003_600, nbf: 1_800_000_000, auth_time: 1_799_999_990 })}.c2ln`
    const decoded = decodeToken(token)
    expect(decoded).toMatchObject({ format: 'jwt', header: { alg: 'RS256', kid: 'k1' }, claims: { sub: 'alice' } })
    if (decoded.format !== 'jwt') throw new Error('not a jwt')
    expect(decoded.times).toEqual([
      { claim: 'iat', epochSeconds: 1_800_000_000, iso: '2027-01-15T08:00:00.000Z' },
      { claim: 'nbf', epochSeconds: 1_800_000_000, iso: '2027-01-15T08:00:00.000Z' },
      { claim: 'exp', epochSeconds: 1_800_003_600, iso: '2027-01-15T09:00:00.000Z' },
      { claim: 'auth_time', epochSeconds: 1_799_999_990, iso: '2027-01-15T07:59:50.000Z' },
    ])
  })

  it('shows opaque tokens as opaque, with the reason', () => {
    expect(decodeToken('access_token_5f0c3a5e-2b44-4c1d-9d6a-0b1f3f1e2a77')).toMatchObject({ format: 'opaque', reason: expect.stringContaining('Not a JWT') })
    expect(decodeToken('aaa.bbb.ccc')).toMatchObject({ format: 'opaque', reason: expect.stringContaining('not a base64url JSON header') })
    expect(decodeToken(`${b64({ alg: 'RS256' })}.bm90LWpzb24.sig`)).toMatchObject({ format: 'opaque', reason: expect.stringContaining('payload') })
    expect(decodeToken('')).toMatchObject({ format: 'opaque', length: 0 })
  })

  it('reads only the header of an encrypted token (JWE)', () => {
    expect(decodeToken(`${b64({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.key.iv.cipher.tag`)).toEqual({ format: 'encrypted', header: { alg: 'RSA-OAEP', enc: 'A256GCM' } })
  })

  it('turns an out-of-range time into words instead of throwing', () => {
    const decoded = decodeToken(`${b64({ alg: 'none' })}.${b64({ exp: 1e20 })}.`)
    expect(decoded.format === 'jwt' && decoded.times[0]?.iso).toBe('not a valid date')
  })

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.string(), { minLength: 3, maxLength: 5 }).map((p) => p.join('.')), fc.anything()), (input) => {
        const decoded = decodeToken(input)
        expect(['jwt', 'encrypted', 'opaque']).toContain(decoded.format)
      }),
      { numRuns: 500 },
    )
  })
})
