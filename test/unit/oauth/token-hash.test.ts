import { describe, expect, it } from 'vitest'
import { hashFor, tokenHash } from '../../../main/oauth/token-hash'

describe('at_hash / c_hash', () => {
  it('matches the c_hash example of OpenID Connect Core (RS256, left half of SHA-256)', () => {
    expect(tokenHash('Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk', 'RS256')).toBe('LDktKdoQak3Pk0cnXxCltA')
  })

  it('takes the hash size from the algorithm', () => {
    // Half of 32, 48 and 64 bytes, base64url without padding.
    expect(tokenHash('token', 'ES256')).toHaveLength(22)
    expect(tokenHash('token', 'PS384')).toHaveLength(32)
    expect(tokenHash('token', 'RS512')).toHaveLength(43)
    expect(hashFor('EdDSA')).toBe('sha512')
    expect(tokenHash('token', 'RS256')).not.toBe(tokenHash('token', 'RS384')?.slice(0, 22))
  })

  it('has no hash for algorithms it cannot pair', () => {
    expect(tokenHash('token', 'none')).toBeUndefined()
    expect(tokenHash('token', 'RSA-OAEP')).toBeUndefined()
  })
})
