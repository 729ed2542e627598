import type { Cause, Diagnosis, Evidence } from '../../shared/domain/diagnosis'
import type { HttpExchange } from '../http/exchange'
import type { TokenResponse } from '../oauth/token-response'
import { buildDiagnosis } from './build'
import { explainTokenResponse } from './explain-token-response'

/** What the token set knew about the refresh token it sent: the evidence the rules compare. */
export interface RefreshEvidence {
  exchange: HttpExchange
  now: number
  /** The refresh token that was sent, as the set knew it before sending. */
  sent: {
    label: string
    status: 'current' | 'superseded' | 'revoked' | 'inactive' | 'expired'
    statusAt?: number
    supersededBy?: string
    expiresAt?: number
  }
  /** Why the request was made: a refresh (by hand or automatic) or a deliberate replay. */
  trigger: 'manual' | 'auto' | 'replay'
  /** When an older refresh token of this set was replayed, if it was. */
  replayedAt?: number
}

const iso = (ms: number): string => new Date(ms).toISOString()

/**
 * Explains a refused refresh. The server says little (`invalid_grant` for nearly everything);
 * the set's own record of the token it sent says why: superseded, revoked, expired, or
 * killed with its grant after a replay.
 */
export function explainRefreshFailure(response: Exclude<TokenResponse, { kind: 'tokens' }>, ev: RefreshEvidence): Diagnosis {
  const base = { stepKind: ev.trigger === 'replay' ? 'replay' : 'refresh', exchangeId: ev.exchange.id }
  const refused = response.kind === 'oauth-error' && response.error === 'invalid_grant'
  if (!refused) {
    return explainTokenResponse(response, { step: base.stepKind, exchange: ev.exchange, now: ev.now }, [], ev.now)
  }
  const said: Evidence = { label: 'server answered', value: `HTTP ${response.status} invalid_grant${response.description ? `: ${response.description}` : ''}` }
  const sent: Evidence = { label: 'refresh token sent', value: ev.sent.label }
  const summary = (what: string): string => `The token endpoint refused ${ev.sent.label} with \`invalid_grant\`: ${what}`

  if (ev.sent.status === 'superseded') {
    const when = ev.sent.statusAt !== undefined ? ` at ${iso(ev.sent.statusAt)}` : ''
    const cause: Cause = {
      id: 'rotation.replayed',
      text: `It had already been rotated${when}${ev.sent.supersededBy ? ` (replaced by ${ev.sent.supersededBy})` : ''}: a rotated refresh token works once. Always use the newest.`,
      likelihood: 'confirmed',
      evidence: [sent, { label: 'superseded', value: `${ev.sent.statusAt !== undefined ? iso(ev.sent.statusAt) : 'earlier'} by ${ev.sent.supersededBy ?? 'a newer token'}` }, said],
    }
    return buildDiagnosis({ ...base, code: 'refresh.rotated_token_replayed', summary: summary('it was already rotated; always use the newest refresh token.'), causes: [cause] }, ev.now)
  }
  if (ev.sent.status === 'revoked' || ev.sent.status === 'inactive') {
    const cause: Cause = {
      id: 'refresh.revoked_here',
      text: ev.sent.status === 'revoked' ? 'This app revoked it earlier.' : 'Introspection already said it was no longer active.',
      likelihood: 'confirmed',
      evidence: [sent, { label: ev.sent.status === 'revoked' ? 'revoked' : 'inactive since', value: ev.sent.statusAt !== undefined ? iso(ev.sent.statusAt) : 'earlier' }, said],
    }
    return buildDiagnosis({ ...base, code: 'refresh.revoked', summary: summary('it was revoked.'), causes: [cause] }, ev.now)
  }
  if (ev.sent.status === 'expired' || (ev.sent.expiresAt !== undefined && ev.now >= ev.sent.expiresAt)) {
    const cause: Cause = {
      id: 'refresh.lifetime',
      text: 'It is past its expiry time.',
      likelihood: 'confirmed',
      evidence: [sent, { label: 'expired at', value: ev.sent.expiresAt !== undefined ? iso(ev.sent.expiresAt) : 'earlier' }, said],
    }
    return buildDiagnosis({ ...base, code: 'refresh.expired', summary: summary('it has expired.'), causes: [cause] }, ev.now)
  }
  const causes: Cause[] = []
  if (ev.replayedAt !== undefined) {
    causes.push({
      id: 'refresh.grant_revoked_after_reuse',
      text: 'An older refresh token of this set was replayed; a server that detects reuse revokes every token of the grant, this newest one included.',
      likelihood: 'likely',
      evidence: [{ label: 'older token replayed at', value: iso(ev.replayedAt) }, sent, said],
    })
  }
  return buildDiagnosis(
    { ...base, code: 'refresh.invalid_grant', summary: summary(response.description ? `“${response.description}”.` : 'the server gave no reason.'), causes },
    ev.now,
  )
}
