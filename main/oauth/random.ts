import { randomBytes } from 'node:crypto'

/** A base64url string of `bytes` random bytes (32 bytes = 256 bits = 43 characters). */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url')
