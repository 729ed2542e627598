import { z } from 'zod'
import { DiagnosisSchema } from './diagnosis'
import { RegionSchema } from './profile'

/**
 * What the renderer may know about a run of the vendor's four-step flow (initiate → login
 * (+OTP) → authorize → token), beside the common run view. Tokens are masked; the password
 * and the OTP code have no field here and never will.
 */

/** The four kinds of token the vendor flow hands out; mixing them up is "token confusion". */
export const VENDOR_TOKEN_KINDS = ['session-jwt', 'login-token', 'access-token', 'refresh-token'] as const
export const VendorTokenKindSchema = z.enum(VENDOR_TOKEN_KINDS)
export type VendorTokenKind = z.infer<typeof VendorTokenKindSchema>

/** A token of the run with its type and the one place it belongs. */
export const VendorTokenViewSchema = z.object({
  kind: VendorTokenKindSchema,
  /** "Session JWT (step 1)". */
  label: z.string(),
  /** The one place it belongs, in words. */
  belongsIn: z.string(),
  masked: z.string(),
  format: z.enum(['jwt', 'opaque']),
  length: z.number(),
  /** The exchange whose answer carried it. */
  issuedBy: z.object({ exchangeId: z.string(), step: z.string(), request: z.string() }),
  issuedAt: z.number(),
  expiresAt: z.number().optional(),
})
export type VendorTokenView = z.infer<typeof VendorTokenViewSchema>

/**
 * One use of a token, read from a recorded request: which token (matched by value against
 * the tokens the run's answers carried) went into which header or field of which request.
 */
export const TokenRouteSchema = z.object({
  exchangeId: z.string(),
  step: z.string(),
  at: z.number(),
  /** "POST /v1/auth/oauth/authorize". */
  request: z.string(),
  /** "Authorization: Bearer", "body · token", "body · refresh_token". */
  place: z.string(),
  /** Which of the run's tokens it was; `unknown` when it matches none. */
  token: z.union([VendorTokenKindSchema, z.literal('unknown')]),
  masked: z.string(),
  /** Whether this is the place the token belongs (the vendor guide's rule). */
  rightPlace: z.boolean(),
  /** Where it belongs instead, when it is in the wrong place. */
  hint: z.string().optional(),
  status: z.number().optional(),
})
export type TokenRoute = z.infer<typeof TokenRouteSchema>

/** What an API-mode run waits for from the user. */
export const VendorInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('login'),
    /** The last attempt's failure (wrong password, validation), shown by the form. */
    problem: DiagnosisSchema.optional(),
    /** Whether "remember in the vault" can do anything in this build. */
    canRemember: z.boolean(),
  }),
  z.object({
    kind: z.literal('otp'),
    /** Masked by the vendor already (`+447*****123`). */
    phoneNumber: z.string().optional(),
    /** When this app last asked the vendor to send a code; absent until "Send code". */
    sentAt: z.number().optional(),
    /** When "Resend" is allowed again (a fixed cooldown, or the vendor's retry-after). */
    resendAt: z.number().optional(),
    sends: z.number().int(),
    problem: DiagnosisSchema.optional(),
    /** Why a code is asked for, explained (the vendor's "OTP required" answer). */
    explanation: DiagnosisSchema.optional(),
  }),
])
export type VendorInput = z.infer<typeof VendorInputSchema>

/** The final-token check: the profile's test endpoint called with the final access token. */
export const FinalCheckViewSchema = z.object({
  request: z.string(),
  ok: z.boolean(),
  status: z.number().optional(),
  message: z.string(),
  exchangeId: z.string(),
  diagnosisId: z.string().optional(),
  /** Which of the run's tokens the Authorization header carried. */
  sent: z.union([VendorTokenKindSchema, z.literal('unknown'), z.literal('none')]),
})
export type FinalCheckView = z.infer<typeof FinalCheckViewSchema>

export const VendorRunViewSchema = z.object({
  mode: z.enum(['hosted', 'api']),
  region: RegionSchema,
  apiBaseUrl: z.string(),
  input: VendorInputSchema.optional(),
  /** What the login answer said about the account (API mode). */
  account: z
    .object({
      phase: z.string().nullable().optional(),
      verificationState: z.string().optional(),
      isLinked: z.boolean().optional(),
    })
    .optional(),
  tokens: z.array(VendorTokenViewSchema),
  routes: z.array(TokenRouteSchema),
  finalCheck: FinalCheckViewSchema.optional(),
})
export type VendorRunView = z.infer<typeof VendorRunViewSchema>

/** The vendor guide's rule, in words: where each token belongs and nowhere else. */
export const TOKEN_PLACES: Record<VendorTokenKind, { label: string; belongsIn: string }> = {
  'session-jwt': { label: 'Session JWT (step 1)', belongsIn: 'Step 3 (authorize) request body, field “token”' },
  'login-token': { label: 'Login token (step 2)', belongsIn: 'Step 3 (authorize) header “Authorization: Bearer”' },
  'access-token': { label: 'Final access token (step 4)', belongsIn: 'Header “Authorization: Bearer” of API calls' },
  'refresh-token': { label: 'Refresh token (step 4)', belongsIn: 'The token endpoint only, body field “refresh_token”' },
}
