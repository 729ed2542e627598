import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { Region } from '../../shared/domain/profile'
import type { FinalCheckView } from '../../shared/domain/run-vendor'

/**
 * What a run of the vendor flow keeps beside the common run state, in main only. The view is
 * made by `vendor-view.ts`; the password lives here only between the login and the OTP (the
 * second login needs it again) and is dropped as soon as the run no longer needs it.
 */
export interface VendorState {
  mode: 'hosted' | 'api'
  region: Region
  baseUrl: string
  /** `client_id` of step 1 (the vendor wants the client key's value). */
  clientId: string
  /** Sent on every step: `x-client-key`, `x-us-env` for the US region, the profile's extra headers. */
  publicHeaders: Record<string, string>
  /** Sent to the token endpoint only: `x-secret-key` (from the vault, or the embedded simulator). */
  secretHeaders: Record<string, string>
  /** The step 1 request as sent (code_challenge and redirect_uri, for the explainer). */
  initiateUrl?: string
  sessionToken?: string
  sessionStartedAt?: number
  /** API mode, between the first login and the OTP login only. Never in a view. */
  login?: { email: string; password: string }
  userId?: string
  phoneNumber?: string
  loginToken?: string
  account?: { phase?: string | null; verificationState?: string; isLinked?: boolean }
  /** What the run waits for from the user (API mode). */
  waiting?: 'login' | 'otp'
  problem?: Diagnosis
  /** Why a code is asked for (the vendor's "OTP required"), explained. */
  otpExplanation?: Diagnosis
  otp: { sends: number; sentAt?: number; resendAt?: number }
  /** A request of the user is on its way; another one waits for it. */
  busy: boolean
  /** Step 3 produced the code: from here the session's deadline no longer matters. */
  codeIssuedAt?: number
  finalCheck?: FinalCheckView
  /** Whether a vault can remember the login (issue 4 wires one in). */
  canRemember: boolean
}

/**
 * Drops the login from memory, and the password from the run's scrub list with it: once the
 * vendor gave the login token (or the run ended) nothing may keep it.
 */
export function forgetLogin(run: { secrets: string[]; vendor?: VendorState }): void {
  const password = run.vendor?.login?.password
  if (password !== undefined) run.secrets = run.secrets.filter((s) => s !== password)
  if (run.vendor) delete run.vendor.login
}

/** A fixed pause between two OTP sends, on the injected clock; the vendor's retry-after wins when longer. */
export const OTP_RESEND_COOLDOWN_SECONDS = 30
