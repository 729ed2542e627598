import { z } from 'zod'

/** What a token says about itself (decoded, never trusted) and what checking it found. */

export const TimeClaimSchema = z.object({
  claim: z.string(),
  epochSeconds: z.number(),
  iso: z.string(),
})
export type TimeClaim = z.infer<typeof TimeClaimSchema>

const Json = z.record(z.string(), z.unknown())

export const DecodedTokenSchema = z.discriminatedUnion('format', [
  z.object({ format: z.literal('jwt'), header: Json, claims: Json, times: z.array(TimeClaimSchema) }),
  /** A JWE: only its header is readable without the key. */
  z.object({ format: z.literal('encrypted'), header: Json }),
  /** Not a JWT: only the server that issued it can tell what it means (introspection). */
  z.object({ format: z.literal('opaque'), length: z.number(), reason: z.string() }),
])
export type DecodedToken = z.infer<typeof DecodedTokenSchema>

export const CheckStatusSchema = z.enum(['pass', 'fail', 'skip'])
export type CheckStatus = z.infer<typeof CheckStatusSchema>

/** One line of the verification checklist, with the reason in words. */
export const CheckSchema = z.object({
  check: z.string(),
  status: CheckStatusSchema,
  why: z.string(),
})
export type Check = z.infer<typeof CheckSchema>

export const VerificationSchema = z.object({
  tokenKind: z.enum(['id_token', 'access_token']),
  /** `valid`: no line failed; `not-verifiable`: opaque or unreadable token, or no keys. */
  verdict: z.enum(['valid', 'invalid', 'not-verifiable']),
  checks: z.array(CheckSchema),
  alg: z.string().optional(),
  kid: z.string().optional(),
  jwksUri: z.string().optional(),
  /** The JWKS fetches this verification made (one, or two after an unknown `kid`). */
  exchangeIds: z.array(z.string()),
  skewSeconds: z.number(),
  at: z.number(),
})
export type Verification = z.infer<typeof VerificationSchema>
