/**
 * Everything one environment + region remembers. Each (environment, region) pair has its own
 * store, so a token carried to the other region or environment is simply unknown there, which
 * is how the real multi-tenant gateway treats it (baanx-oauth.md §1: "keep a separate store per
 * region, and treat a token used in the wrong region as invalid").
 *
 * Expiry is decided on read against the injected clock; nothing here runs a timer.
 */

export type Mode = 'api' | 'hosted'

/** The server side of a step-1 JWT. */
export interface SessionRecord {
  id: string
  clientKey: string
  redirectUri: string
  state: string
  codeChallenge: string
  mode: Mode
  createdAt: number
  expiresAt: number
  /** Set once authorize has issued a code for it. */
  usedAt?: number
}

export interface LoginTokenRecord {
  token: string
  userId: string
  expiresAt: number
  loggedOutAt?: number
}

export interface CodeRecord {
  code: string
  clientKey: string
  userId: string
  redirectUri: string
  codeChallenge: string
  expiresAt: number
  usedAt?: number
}

export type OAuthTokenEnd = 'rotated' | 'revoked' | 'logged-out'

export interface OAuthTokenRecord {
  token: string
  kind: 'access' | 'refresh'
  clientKey: string
  userId: string
  expiresAt: number
  ended?: { how: OAuthTokenEnd; at: number }
}

export interface OtpRecord {
  code?: string
  expiresAt: number
  /** Send times inside the rate-limit window. */
  sends: number[]
}

export class RegionStore {
  readonly sessions = new Map<string, SessionRecord>()
  readonly loginTokens = new Map<string, LoginTokenRecord>()
  readonly codes = new Map<string, CodeRecord>()
  readonly oauthTokens = new Map<string, OAuthTokenRecord>()
  readonly otps = new Map<string, OtpRecord>()
  /** `isLinked`: which users granted which client. */
  private readonly links = new Set<string>()

  isLinked(clientKey: string, userId: string): boolean {
    return this.links.has(`${clientKey} ${userId}`)
  }

  link(clientKey: string, userId: string, linked: boolean): void {
    if (linked) this.links.add(`${clientKey} ${userId}`)
    else this.links.delete(`${clientKey} ${userId}`)
  }
}
