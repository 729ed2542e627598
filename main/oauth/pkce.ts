import { createHash } from 'node:crypto'
import { randomToken } from './random'

/** RFC 7636 §4.1: 43–128 characters from the unreserved set. */
export const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/

export interface PkcePair {
  verifier: string
  challenge: string
  method: 'S256'
}

/** 32 random bytes, base64url: a 43-character verifier with 256 bits of entropy. */
export const createVerifier = (): string => randomToken(32)

/** BASE64URL(SHA256(ASCII(verifier))), no padding (RFC 7636 §4.2). */
export const challengeS256 = (verifier: string): string =>
  createHash('sha256').update(verifier, 'ascii').digest('base64url')

export function createPkcePair(): PkcePair {
  const verifier = createVerifier()
  return { verifier, challenge: challengeS256(verifier), method: 'S256' }
}

export const isValidVerifier = (value: string): boolean => VERIFIER_PATTERN.test(value)
