import { createHash } from 'node:crypto'

/**
 * `at_hash` / `c_hash` (OIDC Core §3.1.3.6, §3.3.2.11): the left half of the hash of the token
 * (or code), base64url. The hash is the one of the ID token's signing algorithm.
 */
export function tokenHash(value: string, alg: string): string | undefined {
  const hash = hashFor(alg)
  if (!hash) return undefined
  const digest = createHash(hash).update(value, 'ascii').digest()
  return digest.subarray(0, digest.length / 2).toString('base64url')
}

/** The SHA-2 size that goes with a JWS algorithm; undefined for ones we cannot pair. */
export function hashFor(alg: string): 'sha256' | 'sha384' | 'sha512' | undefined {
  if (/^(RS|PS|ES|HS)256$/.test(alg) || alg === 'ES256K') return 'sha256'
  if (/^(RS|PS|ES|HS)384$/.test(alg)) return 'sha384'
  if (/^(RS|PS|ES|HS)512$/.test(alg)) return 'sha512'
  // Ed25519 signatures hash with SHA-512 (OIDC errata; what servers do).
  if (alg === 'EdDSA' || alg === 'Ed25519') return 'sha512'
  return undefined
}
