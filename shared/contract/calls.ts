import { z } from 'zod'
import type { CallName } from './names'
import { ProfileSummarySchema } from '../domain/profile'
import { CaptureMethodSchema, RunViewSchema } from '../domain/run'
import { DiagnosisSchema } from '../domain/diagnosis'
import { LabExportSchema, LabReportSchema, ScenarioInfoSchema } from '../domain/lab'
import { ExchangeDetailSchema } from '../domain/exchange-detail'
import { TokenActionResultSchema, TokenSetDetailSchema } from '../domain/token-lifecycle'
import { DecodedTokenSchema, VerificationSchema } from '../domain/token-inspection'
import { TokenKindSchema } from '../domain/tokens'
import { evidenceCalls } from './evidence-calls'
import { profileCalls } from './profile-calls'

const Id = z.string().min(1).max(200)

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  platform: z.string(),
  versions: z.record(z.string(), z.string()),
})
export type AppInfo = z.infer<typeof AppInfoSchema>

export const DeliveryOutcomeSchema = z.enum(['accepted', 'duplicate', 'rejected'])
export type DeliveryOutcome = z.infer<typeof DeliveryOutcomeSchema>

export const DeliveryResultSchema = z.object({
  outcome: DeliveryOutcomeSchema,
  runId: z.string().optional(),
  /** What happened, in words, ready to show. */
  message: z.string(),
  diagnosis: DiagnosisSchema.optional(),
})
export type DeliveryResult = z.infer<typeof DeliveryResultSchema>

/**
 * Per-run choices that leave the profile untouched, so a tester can try each way back and a
 * short session with the same profile.
 */
export const RunOptionsSchema = z
  .object({
    /** The way back for this run; the profile's method when absent. */
    capture: CaptureMethodSchema.optional(),
    /** The authorization session's length for this run; the profile's when absent. */
    sessionSeconds: z.number().int().min(5).max(86_400).optional(),
  })
  .strict()
export type RunOptions = z.infer<typeof RunOptionsSchema>

const TokenSetRef = z.object({ tokenSetId: Id }).strict()
const RevocableKind = z.enum(['access_token', 'refresh_token'])
/** Allowed clock skew for `exp`/`nbf`/`iat`, in seconds. */
const Skew = z.number().int().min(0).max(3600).optional()

export const CurlActionSchema = z.enum(['refresh', 'revoke-access', 'revoke-refresh', 'introspect-access', 'introspect-refresh', 'userinfo', 'api', 'logout'])
export type CurlAction = z.infer<typeof CurlActionSchema>

export const RevealedTokenSchema = z.object({ kind: TokenKindSchema, value: z.string() })
export const CurlExportSchema = z.object({
  /** The command, with `$ACCESS_TOKEN`-style variables where tokens and secrets go. */
  curl: z.string(),
  /** The variables the command expects, without `$`. */
  variables: z.array(z.string()),
})

interface CallSpec {
  input: z.ZodType
  output: z.ZodType
}

/** Every call between renderer and main, with the schema of what goes in and what comes out. */
export const calls = {
  getAppInfo: { input: z.object({}).strict(), output: AppInfoSchema },
  listProfiles: { input: z.object({}).strict(), output: z.array(ProfileSummarySchema) },
  startFlow: { input: z.object({ profileId: Id, options: RunOptionsSchema.optional() }).strict(), output: RunViewSchema },
  cancelFlow: { input: z.object({ runId: Id }).strict(), output: RunViewSchema },
  getRun: { input: z.object({ runId: Id }).strict(), output: RunViewSchema },
  listRuns: { input: z.object({}).strict(), output: z.array(RunViewSchema) },
  deliverRedirect: {
    input: z
      .object({
        /** The pasted redirect URL, or just its query or fragment. */
        url: z.string().max(16_384),
        /** The run the user pasted into, when known; the `state` still decides. */
        runId: Id.optional(),
      })
      .strict(),
    output: DeliveryResultSchema,
  },

  // --- the vendor flow's API mode ------------------------------------------------------------
  /**
   * The email and password for step 2 (login). The password crosses once, renderer → main; it
   * is never sent back, logged or put in a view, and main drops it when the run no longer
   * needs it. `remember` asks the vault to keep both (only where a vault exists).
   */
  submitLogin: {
    input: z
      .object({ runId: Id, email: z.string().min(1).max(320), password: z.string().min(1).max(1024), remember: z.boolean().optional() })
      .strict(),
    output: RunViewSchema,
  },
  /** Asks the vendor to send (or resend) the OTP code by SMS. */
  sendOtp: { input: z.object({ runId: Id }).strict(), output: RunViewSchema },
  /** The code the user received; main re-posts the login with it. */
  submitOtp: { input: z.object({ runId: Id, otpCode: z.string().min(1).max(32) }).strict(), output: RunViewSchema },

  // --- after the exchange ------------------------------------------------------------------
  getTokenSet: { input: TokenSetRef, output: TokenSetDetailSchema },
  /** The token sets of one profile only: tokens are never offered to another profile. */
  listTokenSets: { input: z.object({ profileId: Id }).strict(), output: z.array(TokenSetDetailSchema) },
  /** Header and claims of a stored token, or of a pasted one. The raw token never comes back. */
  decodeToken: {
    input: z.union([z.object({ tokenSetId: Id, tokenId: Id }).strict(), z.object({ value: z.string().max(65_536) }).strict()]),
    output: DecodedTokenSchema,
  },
  /** The checklist for a stored token, or for a pasted one checked in this set's context. */
  verifyToken: {
    input: z.union([
      z.object({ tokenSetId: Id, tokenId: Id, skewSeconds: Skew }).strict(),
      z.object({ tokenSetId: Id, value: z.string().min(1).max(65_536), kind: z.enum(['id_token', 'access_token']), skewSeconds: Skew }).strict(),
    ]),
    output: VerificationSchema,
  },
  refreshTokens: { input: TokenSetRef, output: TokenActionResultSchema },
  /** Sends a superseded refresh token on purpose, to see how the server treats reuse. */
  replaySupersededRefresh: { input: z.object({ tokenSetId: Id, tokenId: Id.optional() }).strict(), output: TokenActionResultSchema },
  revokeToken: { input: z.object({ tokenSetId: Id, token: RevocableKind }).strict(), output: TokenActionResultSchema },
  introspectToken: { input: z.object({ tokenSetId: Id, token: RevocableKind }).strict(), output: TokenActionResultSchema },
  callUserinfo: { input: TokenSetRef, output: TokenActionResultSchema },
  /** The profile's test request; `send: 'id_token'` provokes the wrong-token-type failure on purpose. */
  callTestApi: {
    input: z.object({ tokenSetId: Id, send: z.enum(['access_token', 'id_token']).default('access_token') }).strict(),
    output: TokenActionResultSchema,
  },
  /** The vendor's logout (ends the access token); other profiles define none. */
  logoutTokens: { input: TokenSetRef, output: TokenActionResultSchema },
  setAutoRefresh: {
    input: z.object({ tokenSetId: Id, enabled: z.boolean(), leadSeconds: z.number().int().min(0).max(86_400).optional() }).strict(),
    output: TokenSetDetailSchema,
  },
  /** The one explicit call that returns a raw token value (for Reveal and Copy). */
  revealToken: { input: z.object({ tokenSetId: Id, tokenId: Id }).strict(), output: RevealedTokenSchema },
  /** A lifecycle request as curl, with tokens and secrets as shell variables. */
  copyAsCurl: { input: z.object({ tokenSetId: Id, action: CurlActionSchema }).strict(), output: CurlExportSchema },
  /** The redacted request and response behind a token event. */
  getExchange: { input: z.object({ exchangeId: Id }).strict(), output: ExchangeDetailSchema },

  // --- profiles, presets, secrets -----------------------------------------------------------
  ...profileCalls,

  // --- the scenario lab --------------------------------------------------------------------
  listScenarios: { input: z.object({}).strict(), output: z.array(ScenarioInfoSchema) },
  /**
   * Runs scenarios (all when none are named) against the embedded sandbox, or against a profile
   * (its server must refuse each fault). Answers when the last one is done; `lab-updated` events
   * report each scenario as it finishes.
   */
  runScenarios: {
    input: z.object({ scenarioIds: z.array(Id).max(200).optional(), profileId: Id.optional() }).strict(),
    output: LabReportSchema,
  },
  /** The latest lab report, or null before the first run. */
  getLabReport: { input: z.object({}).strict(), output: LabReportSchema.nullable() },
  /** A lab report (the latest by default) as a file: JUnit XML or Markdown. */
  exportLabReport: {
    input: z.object({ format: z.enum(['junit', 'markdown']), reportId: Id.optional() }).strict(),
    output: LabExportSchema,
  },

  // --- evidence: history, network panel, compare, support bundle ---------------------------
  ...evidenceCalls,
} as const satisfies { [K in CallName]: CallSpec }

export type Calls = typeof calls
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>
