import { buildDiagnosis } from '../diagnose/build'
import { networkCode } from '../diagnose/explain-network'
import { explainResourceCall } from '../diagnose/explain-resource-call'
import type { HttpRequest } from '../http/client'
import type { ClientCredentials } from '../oauth/client-auth'
import { introspectionRequest, readIntrospection } from '../oauth/introspect-request'
import { testApiRequest, userinfoRequest } from '../oauth/resource-request'
import { publicClientHeaders } from '../oauth/revoke-request'
import { KIND_LABEL, sendFor, tokenLabel, type ActionContext, type ActionOutcome } from './action-context'
import { profileHeaders } from './credentials'
import { lifecycleEndpoints } from './endpoints'
import { addDiagnosis, addEvent, setStatus, type StoredToken, type TokenSet } from './token-set'

/**
 * Calls that use a token or ask about it: introspection (RFC 7662), userinfo (OIDC Core §5.3)
 * and the profile's test API. Each is an event on the timeline, linked to its exchange.
 */

export function buildIntrospectRequest(set: TokenSet, credentials: ClientCredentials, token: { kind: StoredToken['kind']; value: string }): HttpRequest {
  return introspectionRequest(
    { endpoint: lifecycleEndpoints(set).introspect ?? '', credentials, extraHeaders: profileHeaders(set.profile) },
    token.value,
    token.kind === 'refresh_token' ? 'refresh_token' : 'access_token',
  )
}

export async function introspect(ctx: ActionContext, set: TokenSet, token: StoredToken): Promise<ActionOutcome & { active?: boolean }> {
  const exchange = await sendFor(ctx, set, buildIntrospectRequest(set, await ctx.credentials(set), token), 'introspect')
  const now = ctx.clock.now()
  const result = readIntrospection(exchange)
  if (result.kind === 'failed') {
    const diagnosis = buildDiagnosis(
      { code: exchange.error ? networkCode(exchange.error) : 'introspect.failed', summary: `Introspecting the ${tokenLabel(token)} failed: ${result.reason}`, stepKind: 'introspect', exchangeId: exchange.id },
      now,
    )
    addDiagnosis(set, diagnosis)
    addEvent(set, { kind: 'used', at: now, ok: false, label: 'Introspection failed', detail: result.reason, exchangeId: exchange.id, tokenIds: [token.id], diagnosisId: diagnosis.id })
    return { ok: false, message: diagnosis.summary, exchange, diagnosis }
  }
  // "Not active" is the server's word: revoked, expired, or unknown to it. It is not ours to pick.
  if (!result.active && token.status === 'current') setStatus(token, 'inactive', now)
  const verdict = result.active ? 'active' : 'not active'
  addEvent(set, {
    kind: 'used',
    at: now,
    ok: true,
    label: `Introspected: ${verdict}`,
    detail: `The server says the ${tokenLabel(token)} is ${verdict}.`,
    exchangeId: exchange.id,
    tokenIds: [token.id],
  })
  const why = result.active ? '' : ' (revoked, expired, or unknown to it)'
  return { ok: true, active: result.active, message: `The server says the ${tokenLabel(token)} is ${verdict}${why}.`, exchange }
}

export async function buildUserinfoRequest(ctx: ActionContext, set: TokenSet, token: string): Promise<HttpRequest> {
  const headers = { ...regionHeaders(set), ...publicClientHeaders(await ctx.credentials(set)) }
  return userinfoRequest(lifecycleEndpoints(set).userinfo ?? '', token, headers)
}

export async function userinfo(ctx: ActionContext, set: TokenSet, token: StoredToken): Promise<ActionOutcome> {
  const exchange = await sendFor(ctx, set, await buildUserinfoRequest(ctx, set, token.value), 'userinfo')
  return resourceOutcome(ctx, set, token, exchange, 'Userinfo', 'the userinfo endpoint')
}

export async function buildApiRequest(ctx: ActionContext, set: TokenSet, token: string): Promise<HttpRequest | undefined> {
  const test = set.profile.testRequest
  if (!test) return undefined
  const headers = { ...regionHeaders(set), ...publicClientHeaders(await ctx.credentials(set)) }
  return testApiRequest(test, token, { headers, ...(set.issuer !== undefined && { base: set.issuer }) })
}

export async function callApi(ctx: ActionContext, set: TokenSet, token: StoredToken): Promise<ActionOutcome> {
  const request = await buildApiRequest(ctx, set, token.value)
  if (!request) return { ok: false, message: 'This profile has no test request.' }
  const exchange = await sendFor(ctx, set, request, 'api')
  return resourceOutcome(ctx, set, token, exchange, 'API', 'the test API')
}

function resourceOutcome(
  ctx: ActionContext,
  set: TokenSet,
  token: StoredToken,
  exchange: Awaited<ReturnType<typeof sendFor>>,
  name: string,
  target: string,
): ActionOutcome {
  const now = ctx.clock.now()
  const status = exchange.response?.status
  const with_ = token.kind === 'access_token' ? '' : ` (with the ${KIND_LABEL[token.kind]})`
  if (status !== undefined && status >= 200 && status < 300) {
    addEvent(set, { kind: 'used', at: now, ok: true, label: `${name} → ${status}${with_}`, detail: `${capital(target)} accepted the ${tokenLabel(token)}.`, exchangeId: exchange.id, tokenIds: [token.id] })
    return { ok: true, message: `${capital(target)} answered HTTP ${status} to the ${tokenLabel(token)}.`, exchange }
  }
  const diagnosis = explainResourceCall({
    exchange,
    now,
    target,
    sentKind: token.kind,
    sentLabel: `the ${tokenLabel(token)}`,
    token: { status: token.status, ...(token.statusAt !== undefined && { statusAt: token.statusAt }), ...(token.expiresAt !== undefined && { expiresAt: token.expiresAt }) },
    needsClientKey: set.profile.flow !== 'standard',
    ...grantRevoked(set, token),
  })
  addDiagnosis(set, diagnosis)
  addEvent(set, {
    kind: 'used',
    at: now,
    ok: false,
    label: `${name} → ${status ?? 'failed'}${with_}`,
    detail: diagnosis.summary,
    exchangeId: exchange.id,
    tokenIds: [token.id],
    diagnosisId: diagnosis.id,
  })
  return { ok: false, message: diagnosis.summary, exchange, diagnosis }
}

/** When a refresh token of the set was revoked after this token was issued (same grant). */
function grantRevoked(set: TokenSet, token: StoredToken): { grantRevokedAt?: number } {
  const revoke = set.events.find(
    (e) => e.kind === 'revoked' && e.ok && e.at >= token.issuedAt && e.tokenIds.some((id) => set.tokens.find((t) => t.id === id)?.kind === 'refresh_token'),
  )
  return revoke ? { grantRevokedAt: revoke.at } : {}
}

/** The vendor picks its region per request; every call of a US profile says so. */
const regionHeaders = (set: TokenSet): Record<string, string> =>
  set.profile.flow !== 'standard' && set.profile.region === 'us' ? { 'x-us-env': 'true' } : {}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
