import { randomUUID } from 'node:crypto'
import type { Diagnosis } from '../../shared/domain/diagnosis'
import type { Endpoints, Profile } from '../../shared/domain/profile'
import type { LifecycleEventKind, TokenStatus } from '../../shared/domain/token-lifecycle'
import type { TokenKind } from '../../shared/domain/tokens'
import type { HttpExchange } from '../http/exchange'
import type { ServerMetadata } from '../oauth/discovery'
import { decodeToken, isDecodableJwt } from '../oauth/jwt-decode'
import type { IssuedTokens } from '../oauth/token-response'

/** One token value the set ever held. Raw: it stays in main; views mask it. */
export interface StoredToken {
  id: string
  kind: TokenKind
  value: string
  generation: number
  issuedAt: number
  expiresAt?: number
  status: TokenStatus
  statusAt?: number
  supersededBy?: string
  /** Read once when the token arrives; a view never decodes it again. */
  format?: 'jwt' | 'opaque'
}

export interface LifecycleEvent {
  id: string
  kind: LifecycleEventKind
  at: number
  ok: boolean
  label: string
  detail?: string
  exchangeId?: string
  tokenIds: string[]
  diagnosisId?: string
  rotated?: boolean
}

/** Tokens are only ever offered back to the profile, client, user and scopes they were issued for. */
export interface TokenSetKey {
  profileId: string
  clientId: string
  /** The ID token's `sub`; empty when the server gave no ID token. */
  subject: string
  /** Granted scopes, sorted, space-separated. */
  scopes: string
}

/**
 * A token set: the lineage of one code exchange. Refreshes add generations; older tokens are
 * kept with their status (superseded, revoked, expired) so the history can be shown and an
 * old refresh token replayed on purpose.
 */
export interface TokenSet {
  id: string
  key: TokenSetKey
  runId: string
  profile: Readonly<Profile>
  issuer?: string
  endpoints: Endpoints
  metadata?: ServerMetadata
  nonce?: string
  tokenType?: string
  scope?: string
  createdAt: number
  tokens: StoredToken[]
  events: LifecycleEvent[]
  diagnoses: Diagnosis[]
  /** The exchanges behind the events, for the timeline's detail view. */
  exchanges: Map<string, HttpExchange>
  autoRefresh: { enabled: boolean; leadSeconds: number; nextAt?: number; cancel?: () => void }
  /** Expiry timers by token id. */
  timers: Map<string, () => void>
  /** Secret values (from the vault) scrubbed from everything shown. */
  secrets: string[]
  /** Actions run one at a time per set, so two refreshes never race with the same token. */
  queue: Promise<unknown>
  /** The set keeps the embedded server running while its tokens live. */
  holdsSandbox?: boolean
  /** Tokens of old generations no longer kept (see MAX_GENERATIONS). */
  prunedTokens?: number
}

/** Seconds before access-token expiry at which an automatic refresh fires, unless set otherwise. */
export const DEFAULT_REFRESH_LEAD_SECONDS = 60

export const normalizeScopes = (scope: string | undefined): string =>
  [...new Set((scope ?? '').split(/\s+/).filter(Boolean))].sort().join(' ')

export const keyString = (key: TokenSetKey): string => JSON.stringify([key.profileId, key.clientId, key.subject, key.scopes])

/** The newest token of a kind, whatever its status. */
export function newest(set: TokenSet, kind: TokenKind): StoredToken | undefined {
  let found: StoredToken | undefined
  for (const token of set.tokens) if (token.kind === kind && (!found || token.generation >= found.generation)) found = token
  return found
}

/** The newest token of a kind while it is still believed alive. */
export function live(set: TokenSet, kind: TokenKind): StoredToken | undefined {
  const token = newest(set, kind)
  return token?.status === 'current' ? token : undefined
}

export const tokenById = (set: TokenSet, id: string): StoredToken | undefined => set.tokens.find((t) => t.id === id)

export function setStatus(token: StoredToken, status: TokenStatus, at: number, supersededBy?: string): void {
  token.status = status
  token.statusAt = at
  if (supersededBy !== undefined) token.supersededBy = supersededBy
}

/**
 * How much lineage a set keeps. Automatic refreshes can rotate a token set all day; the view and
 * every action stay the same size however long it lives. The first event ("issued") is kept.
 */
export const MAX_GENERATIONS = 10
export const MAX_EVENTS = 50

export function addEvent(set: TokenSet, event: Omit<LifecycleEvent, 'id'>): LifecycleEvent {
  const full: LifecycleEvent = { id: randomUUID(), ...event }
  set.events.push(full)
  while (set.events.length > MAX_EVENTS) {
    const [dropped] = set.events.splice(1, 1)
    if (dropped?.exchangeId !== undefined) set.exchanges.delete(dropped.exchangeId)
  }
  return full
}

/** Drops the tokens of generations older than the kept window, unless still current. */
function pruneGenerations(set: TokenSet, newestGeneration: number): void {
  const oldestKept = newestGeneration - MAX_GENERATIONS + 1
  const before = set.tokens.length
  set.tokens = set.tokens.filter((t) => t.generation >= oldestKept || t.status === 'current')
  set.prunedTokens = (set.prunedTokens ?? 0) + before - set.tokens.length
}

export function addDiagnosis(set: TokenSet, diagnosis: Diagnosis): void {
  set.diagnoses.push(diagnosis)
  if (set.diagnoses.length > 50) set.diagnoses.shift()
}

export function remember(set: TokenSet, exchange: HttpExchange): void {
  set.exchanges.set(exchange.id, exchange)
}

/**
 * Adds the tokens of one token response as a new generation. An access or ID token replaces
 * the previous one; a refresh token is replaced only when the server sent a new one (rotation).
 * Returns the new tokens and whether the refresh token rotated.
 */
export function addGeneration(
  set: TokenSet,
  issued: IssuedTokens,
  now: number,
  refreshDefaultSeconds: number,
): { added: StoredToken[]; rotated: boolean; superseded: StoredToken[] } {
  const generation = Math.max(0, ...set.tokens.map((t) => t.generation)) + 1
  const added: StoredToken[] = []
  const superseded: StoredToken[] = []
  let rotated = false
  const put = (kind: TokenKind, value: string, expiresAt: number | undefined): StoredToken => {
    const token: StoredToken = { id: `${short[kind]}-${generation}`, kind, value, generation, issuedAt: now, status: 'current', format: isDecodableJwt(value) ? 'jwt' : 'opaque' }
    if (expiresAt !== undefined) token.expiresAt = expiresAt
    const previous = newest(set, kind)
    if (previous && previous.status === 'current') {
      setStatus(previous, 'superseded', now, token.id)
      superseded.push(previous)
    }
    set.tokens.push(token)
    added.push(token)
    return token
  }
  put('access_token', issued.accessToken, issued.expiresIn !== undefined ? now + issued.expiresIn * 1000 : undefined)
  if (issued.refreshToken !== undefined) {
    const previous = newest(set, 'refresh_token')
    if (previous?.value === issued.refreshToken) {
      // Same value back: the server does not rotate; the old token simply lives on.
      if (issued.refreshTokenExpiresIn !== undefined) previous.expiresAt = now + issued.refreshTokenExpiresIn * 1000
    } else {
      rotated = previous !== undefined
      put('refresh_token', issued.refreshToken, now + (issued.refreshTokenExpiresIn ?? refreshDefaultSeconds) * 1000)
    }
  }
  if (issued.idToken !== undefined) put('id_token', issued.idToken, idTokenExpiry(issued.idToken))
  if (issued.tokenType !== undefined) set.tokenType = issued.tokenType
  if (issued.scope !== undefined) set.scope = issued.scope
  pruneGenerations(set, generation)
  return { added, rotated, superseded }
}

const short: Record<TokenKind, string> = { access_token: 'access', refresh_token: 'refresh', id_token: 'id' }

/** An ID token says when it expires; read without trusting it (display only). */
function idTokenExpiry(idToken: string): number | undefined {
  const decoded = decodeToken(idToken)
  const exp = decoded.format === 'jwt' ? decoded.claims.exp : undefined
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined
}
