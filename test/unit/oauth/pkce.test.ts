import { describe, expect, it } from 'vitest'
import { challengeS256, createPkcePair, createVerifier, isValidVerifier, VERIFIER_PATTERN } from '../../../main/oauth/pkce'

describe('PKCE (RFC 7636)', () => {
  it('matches the S256 example of Appendix B', () => {
    expect(challengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM')
  })

  it('creates 43-character verifiers from the unreserved set', () => {
    for (let i = 0; i < 200; i++) {
      const verifier = createVerifier()
      expect(verifier).toHaveLength(43)
      expect(verifier).toMatch(VERIFIER_PATTERN)
    }
  })

  it('never repeats a verifier', () => {
    const seen = new Set(Array.from({ length: 2000 }, () => createVerifier()))
    expect(seen.size).toBe(2000)
  })

  it('pairs a verifier with its own challenge, base64url without padding', () => {
    const pair = createPkcePair()
    expect(pair.method).toBe('S256')
    expect(pair.challenge).toBe(challengeS256(pair.verifier))
    expect(pair.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/)
  })

  it('rejects verifiers outside 43–128 characters or with other characters', () => {
    expect(isValidVerifier('a'.repeat(42))).toBe(false)
    expect(isValidVerifier('a'.repeat(43))).toBe(true)
    expect(isValidVerifier('a'.repeat(128))).toBe(true)
    expect(isValidVerifier('a'.repeat(129))).toBe(false)
    expect(isValidVerifier(`${'a'.repeat(42)}+`)).toBe(false)
    // The vendor's documented example: 40 hex characters, too short.
    expect(isValidVerifier('5d41402abc4b2a76b9719d911017c592abcdef12')).toBe(false)
  })
})
