import type { Cause } from '../../../shared/domain/diagnosis'
import { decodeToken } from '../../oauth/jwt-decode'
import { tokenHash } from './token-fingerprint'
import { cause, type KnownToken, type KnownTokenKind } from './evidence'

const NAMES: Record<KnownTokenKind, string> = {
  access_token: 'access token',
  refresh_token: 'refresh token',
  id_token: 'ID token',
  session_jwt: 'session JWT of the first step',
  login_token: 'login token',
}

const PLACE: Record<KnownTokenKind, string> = {
  access_token: 'API calls',
  refresh_token: 'the token endpoint only',
  id_token: 'the client, to learn who signed in',
  session_jwt: 'the body of the authorize step only',
  login_token: 'the Authorization header of the authorize step only',
}

/**
 * Which token was sent as Bearer, when it is not the final access token: recognised by value
 * among the tokens the run holds (confirmed), or by its claims when it is a JWT (likely).
 */
export function tokenConfusionCause(sent: string | undefined, known: readonly KnownToken[]): Cause | undefined {
  if (sent === undefined || sent === '') return undefined
  const match = known.find((t) => t.value === sent)
  if (match) {
    if (match.kind === 'access_token') return undefined
    return cause('api.wrong_token_type', `The ${NAMES[match.kind]} was sent where the final access token belongs; it is meant for ${PLACE[match.kind]}.`, 'confirmed', [
      { label: 'token sent', value: match.label },
      { label: 'fingerprint (SHA-256, first 12)', value: tokenHash(sent) },
      { label: 'where it belongs', value: PLACE[match.kind] },
    ])
  }
  const decoded = decodeToken(sent)
  if (decoded.format !== 'jwt') return undefined
  const claims = decoded.claims
  const typ = typeof decoded.header.typ === 'string' ? decoded.header.typ : undefined
  const looksLikeId = claims.nonce !== undefined || (claims.aud !== undefined && claims.scope === undefined && claims.client_id === undefined && typ !== 'at+jwt')
  if (typ === 'at+jwt' || !looksLikeId) return undefined
  return cause('api.wrong_token_type', 'The token sent reads like an ID token (an audience of the client, no scope), not an access token for this API.', 'likely', [
    { label: 'typ', value: typ ?? '(none)' },
    { label: 'aud', value: JSON.stringify(claims.aud ?? null) },
    { label: 'scope', value: claims.scope === undefined ? '(none)' : String(claims.scope) },
  ])
}
