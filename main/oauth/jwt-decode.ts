import { decodeJwt, decodeProtectedHeader } from 'jose'
import type { DecodedToken, TimeClaim } from '../../shared/domain/token-inspection'

/** Claims that hold a NumericDate (seconds since the epoch), shown as times. */
const TIME_CLAIMS = ['iat', 'nbf', 'exp', 'auth_time', 'updated_at'] as const

/** A token longer than this is not something we try to read. */
const MAX_TOKEN_LENGTH = 64 * 1024

/**
 * Reads what a token says about itself, without trusting it: header and claims of a JWT, the
 * header of a JWE, or "opaque". Never throws, whatever it is given.
 */
export function decodeToken(value: unknown): DecodedToken {
  if (typeof value !== 'string' || value.trim() === '') return { format: 'opaque', length: 0, reason: 'Empty: there is no token to read.' }
  const token = value.trim()
  if (token.length > MAX_TOKEN_LENGTH) return { format: 'opaque', length: token.length, reason: `Too long to be a JWT (${token.length} characters).` }
  const parts = token.split('.')
  if (parts.length === 5) {
    const header = readHeader(token)
    return header ? { format: 'encrypted', header } : opaque(token, 'Five dot-separated parts, but the first is not a JWE header.')
  }
  if (parts.length !== 3) {
    return opaque(token, 'Not a JWT (no three dot-separated parts): only the server that issued it can say what it means.')
  }
  const header = readHeader(token)
  if (!header) return opaque(token, 'Three dot-separated parts, but the first is not a base64url JSON header.')
  let claims: Record<string, unknown>
  try {
    claims = { ...decodeJwt(token) }
  } catch {
    return opaque(token, 'The header reads, but the payload is not a base64url JSON object.')
  }
  return { format: 'jwt', header, claims, times: timesOf(claims) }
}

/** True when the value decodes as a signed JWT. */
export const isDecodableJwt = (value: string): boolean => decodeToken(value).format === 'jwt'

export function timesOf(claims: Record<string, unknown>): TimeClaim[] {
  const out: TimeClaim[] = []
  for (const claim of TIME_CLAIMS) {
    const seconds = claims[claim]
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) continue
    const date = new Date(seconds * 1000)
    // Out-of-range values become text, not an exception.
    out.push({ claim, epochSeconds: seconds, iso: Number.isNaN(date.getTime()) ? 'not a valid date' : date.toISOString() })
  }
  return out
}

function readHeader(token: string): Record<string, unknown> | undefined {
  try {
    return { ...decodeProtectedHeader(token) }
  } catch {
    return undefined
  }
}

const opaque = (token: string, reason: string): DecodedToken => ({ format: 'opaque', length: token.length, reason })
