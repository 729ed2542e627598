import type { Diagnosis } from '../../shared/domain/diagnosis'
import { buildDiagnosis } from '../diagnose/build'
import { networkCode } from '../diagnose/explain-network'
import type { HttpRequest } from '../http/client'
import type { HttpExchange } from '../http/exchange'
import { redactBody } from '../http/redact'
import type { ClientCredentials } from '../oauth/client-auth'
import { vendorLogoutRequest } from '../oauth/resource-request'
import { publicClientHeaders, revokeRequest, type RevocableKind } from '../oauth/revoke-request'
import { snippet } from '../oauth/token-response'
import { sendFor, statusLine, tokenLabel, type ActionContext, type ActionOutcome } from './action-context'
import { profileHeaders } from './credentials'
import { lifecycleEndpoints } from './endpoints'
import { addDiagnosis, addEvent, newest, setStatus, type StoredToken, type TokenSet } from './token-set'

/** The revoke request of the set's flow kind. The vendor's always presents the access token. */
export function buildRevokeRequest(set: TokenSet, credentials: ClientCredentials, kind: RevocableKind, value: string): HttpRequest {
  return revokeRequest(set.profile.flow, {
    endpoint: lifecycleEndpoints(set).revoke ?? '',
    credentials,
    token: value,
    kind: set.profile.flow === 'standard' ? kind : 'access_token',
    extraHeaders: profileHeaders(set.profile),
  })
}

/** Which stored token a revoke of `kind` sends. */
export function tokenToRevoke(set: TokenSet, kind: RevocableKind): StoredToken | undefined {
  return newest(set, set.profile.flow === 'standard' ? kind : 'access_token')
}

/**
 * Revokes a token: RFC 7009 for standard servers (one token; a refresh token usually takes
 * its grant's access tokens with it), the vendor's DELETE (every token of the client).
 */
export async function revokeToken(ctx: ActionContext, set: TokenSet, kind: RevocableKind, token: StoredToken): Promise<ActionOutcome> {
  const exchange = await sendFor(ctx, set, buildRevokeRequest(set, await ctx.credentials(set), kind, token.value), 'revoke')
  const now = ctx.clock.now()
  const status = exchange.response?.status ?? 0
  if (status < 200 || status >= 300) {
    const diagnosis = failure(exchange, 'revoke.failed', `Revoking the ${tokenLabel(token)} failed: ${statusLine(exchange)}${bodyOf(exchange)}`, now)
    addDiagnosis(set, diagnosis)
    addEvent(set, { kind: 'revoked', at: now, ok: false, label: 'Revoke refused', detail: diagnosis.summary, exchangeId: exchange.id, tokenIds: [token.id], diagnosisId: diagnosis.id })
    return { ok: false, message: diagnosis.summary, exchange, diagnosis }
  }
  const ended = set.profile.flow === 'standard'
    ? [token]
    : set.tokens.filter((t) => t.status === 'current' && t.kind !== 'id_token')
  for (const t of ended) if (t.status !== 'revoked') setStatus(t, 'revoked', now)
  const detail = set.profile.flow === 'standard'
    ? kind === 'refresh_token'
      ? 'RFC 7009: the server should also end the access tokens of the same grant; introspect or call the API to see.'
      : 'Only the access token was revoked; the refresh token can still get a new one.'
    : 'The vendor ends every access and refresh token of the client; the flow must start again.'
  addEvent(set, {
    kind: 'revoked',
    at: now,
    ok: true,
    label: set.profile.flow === 'standard' ? `Revoked ${kind === 'refresh_token' ? 'refresh' : 'access'} token` : 'Revoked all tokens',
    detail,
    exchangeId: exchange.id,
    tokenIds: ended.map((t) => t.id),
  })
  // RFC 7009 §2.2: 200 even for a token the server did not know, so say what it proves.
  return { ok: true, message: `The server accepted the revocation of the ${tokenLabel(token)} (HTTP ${status}). ${detail}`, exchange }
}

/** The vendor's logout: ends the access token presented. */
export async function logout(ctx: ActionContext, set: TokenSet, token: StoredToken): Promise<ActionOutcome> {
  const headers = { ...profileHeaders(set.profile), ...publicClientHeaders(await ctx.credentials(set)) }
  const exchange = await sendFor(ctx, set, vendorLogoutRequest(lifecycleEndpoints(set).logout ?? '', token.value, headers), 'logout')
  const now = ctx.clock.now()
  const status = exchange.response?.status ?? 0
  if (status < 200 || status >= 300) {
    const diagnosis = failure(exchange, 'api.failed', `Logout failed: ${statusLine(exchange)}${bodyOf(exchange)}`, now)
    addDiagnosis(set, diagnosis)
    addEvent(set, { kind: 'logged-out', at: now, ok: false, label: 'Logout refused', detail: diagnosis.summary, exchangeId: exchange.id, tokenIds: [token.id], diagnosisId: diagnosis.id })
    return { ok: false, message: diagnosis.summary, exchange, diagnosis }
  }
  setStatus(token, 'revoked', now)
  addEvent(set, { kind: 'logged-out', at: now, ok: true, label: 'Logged out', detail: `The ${tokenLabel(token)} ended; later calls with it get 401.`, exchangeId: exchange.id, tokenIds: [token.id] })
  return { ok: true, message: `Logged out: the ${tokenLabel(token)} is no longer valid.`, exchange }
}

function failure(exchange: HttpExchange, code: 'revoke.failed' | 'api.failed', summary: string, now: number): Diagnosis {
  const error = exchange.error
  return buildDiagnosis({ code: error ? networkCode(error) : code, summary, stepKind: exchange.step, exchangeId: exchange.id }, now)
}

/** The server's words, with token and secret fields masked (the body may echo what was sent). */
const bodyOf = (ex: HttpExchange): string =>
  ex.response?.body ? ` — “${snippet(redactBody(ex.response.body, ex.response.headers['content-type'], []))}”` : ''
