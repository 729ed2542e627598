import type { Cause, Evidence } from '../../../shared/domain/diagnosis'
import type { HttpExchange } from '../../http/exchange'
import { bodyParams } from '../request-params'
import { cause, iso } from './evidence'

/** What the token lineage knew about the refresh token it sent, before sending it. */
export interface SentRefreshToken {
  label: string
  status: 'current' | 'superseded' | 'revoked' | 'inactive' | 'expired'
  statusAt?: number
  supersededBy?: string
  expiresAt?: number
}

/** Causes of a refused refresh, from the lineage's record; the first that applies is the one. */
export function refreshCauses(sent: SentRefreshToken, ctx: { now: number; said: Evidence; replayedAt?: number; exchange?: HttpExchange }): { code: 'refresh.rotated_token_replayed' | 'refresh.revoked' | 'refresh.expired' | 'refresh.invalid_grant'; causes: Cause[] } {
  const token: Evidence = { label: 'refresh token sent', value: sent.label }
  if (sent.status === 'superseded') {
    const when = sent.statusAt !== undefined ? ` at ${iso(sent.statusAt)}` : ''
    return {
      code: 'refresh.rotated_token_replayed',
      causes: [
        cause(
          'rotation.replayed',
          `It had already been rotated${when}${sent.supersededBy ? ` (replaced by ${sent.supersededBy})` : ''}: a rotated refresh token works once. Always use the newest.`,
          'confirmed',
          [token, { label: 'superseded', value: `${sent.statusAt !== undefined ? iso(sent.statusAt) : 'earlier'} by ${sent.supersededBy ?? 'a newer token'}` }, ctx.said],
        ),
      ],
    }
  }
  if (sent.status === 'revoked' || sent.status === 'inactive') {
    return {
      code: 'refresh.revoked',
      causes: [
        cause('refresh.revoked_here', sent.status === 'revoked' ? 'This app revoked it earlier.' : 'Introspection already said it was no longer active.', 'confirmed', [
          token,
          { label: sent.status === 'revoked' ? 'revoked' : 'inactive since', value: sent.statusAt !== undefined ? iso(sent.statusAt) : 'earlier' },
          ctx.said,
        ]),
      ],
    }
  }
  if (sent.status === 'expired' || (sent.expiresAt !== undefined && ctx.now >= sent.expiresAt)) {
    return {
      code: 'refresh.expired',
      causes: [cause('refresh.lifetime', 'It is past its expiry time.', 'confirmed', [token, { label: 'expired at', value: sent.expiresAt !== undefined ? iso(sent.expiresAt) : 'earlier' }, ctx.said])],
    }
  }
  const causes: Cause[] = []
  const grantType = ctx.exchange ? bodyParams(ctx.exchange.request).grant_type : undefined
  if (grantType !== undefined && grantType !== 'refresh_token') {
    causes.push(cause('refresh.grant_type', `The request said \`grant_type=${grantType}\`; a refresh needs \`refresh_token\`.`, 'confirmed', [{ label: 'grant_type sent', value: grantType }]))
  }
  if (ctx.replayedAt !== undefined) {
    causes.push(
      cause('refresh.grant_revoked_after_reuse', 'An older refresh token of this set was replayed; a server that detects reuse revokes every token of the grant, this newest one included.', 'likely', [
        { label: 'older token replayed at', value: iso(ctx.replayedAt) },
        token,
        ctx.said,
      ]),
    )
  }
  return { code: 'refresh.invalid_grant', causes }
}
