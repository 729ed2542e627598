import type { Diagnosis, Evidence } from '../../shared/domain/diagnosis'
import type { HttpExchange } from '../http/exchange'
import type { TokenResponse } from '../oauth/token-response'
import { buildDiagnosis } from './build'
import { explainTokenResponse } from './explain-token-response'
import { refreshCauses, type SentRefreshToken } from './rules/refresh'

/** What the token set knew about the refresh token it sent: the evidence the rules compare. */
export interface RefreshEvidence {
  exchange: HttpExchange
  now: number
  /** The refresh token that was sent, as the set knew it before sending. */
  sent: SentRefreshToken
  /** Why the request was made: a refresh (by hand or automatic) or a deliberate replay. */
  trigger: 'manual' | 'auto' | 'replay'
  /** When an older refresh token of this set was replayed, if it was. */
  replayedAt?: number
}

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
  const { code, causes } = refreshCauses(ev.sent, { now: ev.now, said, exchange: ev.exchange, ...(ev.replayedAt !== undefined && { replayedAt: ev.replayedAt }) })
  const why: Record<typeof code, string> = {
    'refresh.rotated_token_replayed': 'it was already rotated; always use the newest refresh token.',
    'refresh.revoked': 'it was revoked.',
    'refresh.expired': 'it has expired.',
    'refresh.invalid_grant': response.description ? `“${response.description}”.` : 'the server gave no reason.',
  }
  return buildDiagnosis({ ...base, code, summary: `The token endpoint refused ${ev.sent.label} with \`invalid_grant\`: ${why[code]}`, causes }, ev.now)
}
