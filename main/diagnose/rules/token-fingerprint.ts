import { createHash } from 'node:crypto'

/** A short, one-way fingerprint that tells two tokens apart without showing either. */
export const tokenHash = (value: string): string => createHash('sha256').update(value).digest('base64url').slice(0, 12)
