import type { TokenCapabilities, TokenSetDetail } from '../../shared/domain/token-lifecycle'
import { maskToken } from '../../shared/mask'
import { isDecodableJwt } from '../oauth/jwt-decode'
import { lifecycleEndpoints } from './endpoints'
import { newest, type TokenSet } from './token-set'

/** What the renderer may know about a token set: tokens masked, everything else as is. */
export function toTokenSetDetail(set: TokenSet): TokenSetDetail {
  const view: TokenSetDetail = {
    id: set.id,
    runId: set.runId,
    profileId: set.profile.id,
    profileName: set.profile.name,
    environment: set.profile.environment,
    flow: set.profile.flow,
    clientId: set.profile.clientId,
    status: setStatus(set),
    createdAt: set.createdAt,
    tokens: set.tokens.map((t) => ({
      id: t.id,
      kind: t.kind,
      generation: t.generation,
      masked: maskToken(t.value),
      format: t.format ?? (isDecodableJwt(t.value) ? 'jwt' : 'opaque'),
      length: t.value.length,
      issuedAt: t.issuedAt,
      status: t.status,
      ...(t.expiresAt !== undefined && { expiresAt: t.expiresAt }),
      ...(t.statusAt !== undefined && { statusAt: t.statusAt }),
      ...(t.supersededBy !== undefined && { supersededBy: t.supersededBy }),
    })),
    events: set.events.map((e) => ({ ...e, tokenIds: [...e.tokenIds] })),
    diagnoses: [...set.diagnoses],
    autoRefresh: {
      enabled: set.autoRefresh.enabled,
      leadSeconds: set.autoRefresh.leadSeconds,
      ...(set.autoRefresh.nextAt !== undefined && { nextAt: set.autoRefresh.nextAt }),
    },
    capabilities: capabilitiesOf(set),
  }
  if (set.key.subject) view.subject = set.key.subject
  if (set.scope !== undefined) view.scope = set.scope
  if (set.tokenType !== undefined) view.tokenType = set.tokenType
  if (set.issuer !== undefined) view.issuer = set.issuer
  return view
}

/**
 * The set lives as long as its newest refresh token (or, without one, its newest access
 * token): revoking only the access token leaves a set that can still refresh.
 */
function setStatus(set: TokenSet): TokenSetDetail['status'] {
  const anchor = newest(set, 'refresh_token') ?? newest(set, 'access_token')
  if (!anchor || anchor.status === 'current' || anchor.status === 'superseded') return 'active'
  return anchor.status === 'expired' ? 'expired' : 'revoked'
}

export function capabilitiesOf(set: TokenSet): TokenCapabilities {
  const e = lifecycleEndpoints(set)
  const refresh = newest(set, 'refresh_token')
  return {
    refresh: refresh !== undefined && e.token !== undefined,
    replay: e.token !== undefined && set.tokens.some((t) => t.kind === 'refresh_token' && t.status === 'superseded'),
    revoke: e.revoke !== undefined,
    introspect: e.introspect !== undefined,
    userinfo: e.userinfo !== undefined,
    callApi: set.profile.testRequest !== undefined,
    logout: e.logout !== undefined,
    verify: set.tokens.some((t) => t.kind !== 'refresh_token' && (t.format ?? (isDecodableJwt(t.value) ? 'jwt' : 'opaque')) === 'jwt'),
  }
}
