import { systemClock, type Clock } from '../../clock'

/**
 * How the simulator behaves where the vendor's docs leave room (baanx-oauth.md §3.2, §3.5, §4).
 * Every default follows the docs; the switches exist so a tester can reproduce what real
 * clients have reported instead.
 */
export interface VendorSimulatorOptions {
  clock?: Clock
  /** 0 (default) picks free ports; a restart passes the old ones to keep profile URLs stable. */
  ports?: { sandbox?: number; production?: number }
  /**
   * `flags` (default): login answers 200 and the body says what is missing (`isOtpRequired`,
   * `phase`), as the login reference's decision table reads and as Ledger observed.
   * `status`: "OTP required" is a 400, as the login reference's error list says.
   * Wrong credentials are a 400 in both.
   */
  loginErrors?: 'flags' | 'status'
  /**
   * When the token endpoint wants `x-secret-key`. Default `code-grant`: the guide's header
   * checklist says "x-secret-key: Required for OAuth endpoints" and its invalid_client entry
   * names both keys, but the token reference's own example sends only `x-client-key` and Pera
   * refreshes without the secret, so the refresh grant does not need it. A wrong secret is
   * refused whenever one is sent.
   */
  secretKey?: 'code-grant' | 'always' | 'never'
  /** Refresh-token rotation (default on: the guide says "tokens rotate"; Ledger agrees). */
  rotateRefreshTokens?: boolean
  /** 184 by default (token reference); 7 reproduces the guide's "Refresh token expired (7 days)". */
  refreshTokenDays?: number
  lifetimes?: Partial<Omit<Lifetimes, 'refreshTokenSeconds'>>
  /** OTP sends allowed per user in a window before 429 (the docs do not give numbers). */
  otpSendLimit?: { max: number; windowSeconds: number }
}

/** Seconds. */
export interface Lifetimes {
  /** The step-1 JWT: "the authorization session expires after 10 minutes". */
  sessionSeconds: number
  /** Authorization code: single use, 10 minutes (troubleshooting guide). */
  codeSeconds: number
  /** Login `accessToken`: 6 hours. */
  loginTokenSeconds: number
  /** OAuth `access_token`: 6 hours (`expires_in` 21600). */
  accessTokenSeconds: number
  /** OAuth `refresh_token`: 184 days (`refresh_token_expires_in` 15897600). */
  refreshTokenSeconds: number
  /** "A few minutes" in the docs; we pick 5. */
  otpSeconds: number
}

export const DEFAULT_LIFETIMES: Lifetimes = {
  sessionSeconds: 600,
  codeSeconds: 600,
  loginTokenSeconds: 6 * 3600,
  accessTokenSeconds: 21_600,
  refreshTokenSeconds: 15_897_600,
  otpSeconds: 300,
}

export interface ResolvedOptions {
  clock: Clock
  loginErrors: 'flags' | 'status'
  secretKey: 'code-grant' | 'always' | 'never'
  rotateRefreshTokens: boolean
  lifetimes: Lifetimes
  otpSendLimit: { max: number; windowSeconds: number }
}

export function resolveOptions(opts: VendorSimulatorOptions): ResolvedOptions {
  return {
    clock: opts.clock ?? systemClock,
    loginErrors: opts.loginErrors ?? 'flags',
    secretKey: opts.secretKey ?? 'code-grant',
    rotateRefreshTokens: opts.rotateRefreshTokens ?? true,
    lifetimes: {
      ...DEFAULT_LIFETIMES,
      ...opts.lifetimes,
      refreshTokenSeconds: Math.round((opts.refreshTokenDays ?? 184) * 86_400),
    },
    otpSendLimit: opts.otpSendLimit ?? { max: 3, windowSeconds: 300 },
  }
}
