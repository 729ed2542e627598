import { buildDiagnosis } from '../diagnose/build'
import { explainRefreshFailure } from '../diagnose/explain-refresh'
import type { HttpRequest } from '../http/client'
import type { ClientCredentials } from '../oauth/client-auth'
import { refreshRequest } from '../oauth/token-request'
import { readTokenResponse } from '../oauth/token-response'
import { sendFor, tokenLabel, type ActionContext, type ActionOutcome } from './action-context'
import { profileHeaders } from './credentials'
import { lifecycleEndpoints } from './endpoints'
import { addDiagnosis, addEvent, addGeneration, newest, type StoredToken, type TokenSet } from './token-set'

export type RefreshTrigger = 'manual' | 'auto' | 'replay'

/** The refresh request of a set's profile: a form for standard servers, JSON for the vendor. */
export function buildRefreshRequest(set: TokenSet, credentials: ClientCredentials, refreshToken: string): HttpRequest {
  return refreshRequest(
    {
      endpoint: lifecycleEndpoints(set).token ?? '',
      credentials,
      bodyFormat: set.profile.flow === 'standard' ? 'form' : 'json',
      extraHeaders: profileHeaders(set.profile),
    },
    refreshToken,
  )
}

/**
 * Exchanges a refresh token (RFC 6749 §6). A success adds a generation: the new refresh token
 * supersedes the old one, which is kept. A replay sends a superseded token on purpose and
 * expects the server to refuse it.
 */
export async function refreshWith(ctx: ActionContext, set: TokenSet, token: StoredToken, trigger: RefreshTrigger): Promise<ActionOutcome & { added: StoredToken[] }> {
  // The evidence is what we knew before sending; the answer may change it.
  const sent = {
    label: tokenLabel(token),
    status: token.status,
    ...(token.statusAt !== undefined && { statusAt: token.statusAt }),
    ...(token.supersededBy !== undefined && { supersededBy: token.supersededBy }),
    ...(token.expiresAt !== undefined && { expiresAt: token.expiresAt }),
  }
  const replayedAt = set.events.find((e) => e.kind === 'replayed')?.at
  const request = buildRefreshRequest(set, await ctx.credentials(set), token.value)
  const exchange = await sendFor(ctx, set, request, trigger === 'replay' ? 'replay' : 'refresh')
  const now = ctx.clock.now()
  const response = readTokenResponse(exchange)
  const kind = trigger === 'replay' ? 'replayed' : 'refreshed'
  const how = trigger === 'auto' ? 'Automatic refresh' : trigger === 'replay' ? 'Replay' : 'Refresh'

  if (response.kind !== 'tokens') {
    const diagnosis = explainRefreshFailure(response, { exchange, now, sent, trigger, ...(replayedAt !== undefined && { replayedAt }) })
    addDiagnosis(set, diagnosis)
    addEvent(set, {
      kind,
      at: now,
      ok: false,
      label: `${how} refused`,
      detail: `${sent.label}: ${diagnosis.title}`,
      exchangeId: exchange.id,
      tokenIds: [token.id],
      diagnosisId: diagnosis.id,
    })
    return { ok: false, message: diagnosis.summary, exchange, diagnosis, added: [] }
  }

  const defaultSeconds = set.profile.lifetimes.refreshTokenDays * 86_400
  const { added, rotated } = addGeneration(set, response.tokens, now, defaultSeconds)
  const newRefresh = added.find((t) => t.kind === 'refresh_token')
  const rotation = rotated && newRefresh
    ? `the refresh token rotated (${sent.label} → ${tokenLabel(newRefresh)}); the old one is kept, marked superseded`
    : response.tokens.refreshToken === undefined
      ? 'no new refresh token came back, so the current one stays in use'
      : 'the same refresh token came back (no rotation)'
  const event = addEvent(set, {
    kind,
    at: now,
    ok: true,
    label: trigger === 'replay' ? 'Replay accepted' : rotated ? 'Refreshed, rotated' : 'Refreshed',
    detail: `${how} with ${sent.label}: new ${added.map(tokenLabel).join(', ')}; ${rotation}.`,
    exchangeId: exchange.id,
    tokenIds: [token.id, ...added.map((t) => t.id)],
    rotated,
  })
  if (trigger === 'replay') {
    // A server that takes back a superseded token is itself the finding.
    const diagnosis = buildDiagnosis(
      {
        code: 'refresh.replay_accepted',
        summary: `The server accepted ${sent.label}, which had already been superseded by ${sent.supersededBy ?? 'a newer token'}: old refresh tokens stay usable.`,
        stepKind: 'replay',
        exchangeId: exchange.id,
        causes: [{ id: 'rotation.not_enforced', text: 'A superseded refresh token was exchanged successfully.', likelihood: 'confirmed', evidence: [{ label: 'token sent', value: sent.label }] }],
      },
      now,
    )
    addDiagnosis(set, diagnosis)
    event.diagnosisId = diagnosis.id
    return { ok: true, message: diagnosis.summary, exchange, diagnosis, added }
  }
  const access = added.find((t) => t.kind === 'access_token')
  const life = access?.expiresAt !== undefined ? ` (valid for ${Math.round((access.expiresAt - now) / 60_000)} min)` : ''
  return { ok: true, message: `Refreshed: new access token${life}; ${rotation}.`, exchange, added }
}

/** The refresh token a manual or automatic refresh uses: the newest one. */
export const refreshTokenToUse = (set: TokenSet): StoredToken | undefined => newest(set, 'refresh_token')

/** The superseded refresh token a replay sends: the one asked for, or the most recently superseded. */
export function tokenToReplay(set: TokenSet, tokenId?: string): StoredToken | undefined {
  const superseded = set.tokens.filter((t) => t.kind === 'refresh_token' && t.status === 'superseded')
  if (tokenId !== undefined) return superseded.find((t) => t.id === tokenId)
  return superseded.sort((a, b) => b.generation - a.generation)[0]
}
