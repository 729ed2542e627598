import type { Cause, Evidence } from '../../../shared/domain/diagnosis'
import type { HttpExchange } from '../../http/exchange'

/**
 * What a run knows besides the failing exchange: the facts the rules compare. Every field is
 * optional, so a rule that lacks its fact simply does not fire. Raw values (verifier, tokens)
 * stay in main: rules put lengths, hashes and masked forms into evidence, never the values.
 */
export interface RunFacts {
  /** The run's earlier exchanges, oldest first (a code sent twice shows here). */
  earlier?: readonly HttpExchange[]
  /** The PKCE verifier the run generated before the authorization request. */
  storedVerifier?: string
  /** The redirect URI the profile says is registered for the client. */
  registeredRedirectUri?: string
  /** The authorization session: when it began and how long it lasts. */
  session?: { startedAt: number; seconds: number }
  /** Client authentication methods the server announces (discovery). */
  tokenAuthMethods?: readonly string[]
  /** The endpoints the server announces (discovery) or the profile sets. */
  endpoints?: { authorize?: string; token?: string }
  /** Who the request was for: the profile's environment and whether its APIs need `x-client-key`. */
  profile?: ProfileFacts
  /** Client keys of the other profiles, to recognise a key that belongs elsewhere. */
  otherKeys?: readonly KnownKey[]
  /** Tokens the run holds, to recognise one sent in the wrong place. */
  knownTokens?: readonly KnownToken[]
  /** What the server itself logged while the exchange ran (embedded servers only). */
  serverLog?: readonly ServerLogLine[]
}

export interface ProfileFacts {
  name: string
  environment: string
  region?: string
  needsClientKey?: boolean
}

export interface KnownKey {
  profileName: string
  environment: string
  region?: string
  clientKey: string
}

export type KnownTokenKind = 'access_token' | 'refresh_token' | 'id_token' | 'session_jwt' | 'login_token'

export interface KnownToken {
  kind: KnownTokenKind
  /** "the ID token #1", "the session JWT of step 1". */
  label: string
  value: string
}

export interface ServerLogLine {
  at: number
  error: string
  detail?: string
}

export const iso = (ms: number): string => new Date(ms).toISOString()

export const seconds = (ms: number): string => {
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`
  const s = ms / 1000
  return s < 10 ? `${Math.round(s * 10) / 10} s` : `${Math.round(s)} s`
}

export const cause = (id: string, text: string, likelihood: Cause['likelihood'], evidence: Evidence[]): Cause => ({ id, text, likelihood, evidence })

/** A header of a recorded request, whatever case it was given in. */
export function header(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === wanted) return v
  return undefined
}

/** `POST /token → 200` for evidence lines. */
export function requestLine(ex: HttpExchange): string {
  let path = ex.request.url
  try {
    const url = new URL(ex.request.url)
    path = url.pathname
  } catch {
    // keep the raw URL
  }
  const outcome = ex.response ? `HTTP ${ex.response.status}` : (ex.error?.kind ?? 'no answer')
  return `${ex.request.method} ${path} → ${outcome}`
}
