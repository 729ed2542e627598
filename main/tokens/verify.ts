import type { Verification } from '../../shared/domain/token-inspection'
import type { JwksCache } from '../oauth/jwks'
import { ASYMMETRIC_ALGS, verifyJwt, type JwtExpectations } from '../oauth/verify-jwt'
import { lifecycleEndpoints } from './endpoints'
import { remember, type TokenSet } from './token-set'

export const DEFAULT_SKEW_SECONDS = 30

export interface VerifyRequest {
  value: string
  kind: 'id_token' | 'access_token'
  /** The access token issued with an ID token, for `at_hash`. */
  accessToken?: string
  skewSeconds: number
  now: number
}

/**
 * Verifies a token in the context of its set: the issuer the run talked to, the profile's
 * client id (or resource, for access tokens), the run's nonce, the server's keys and the
 * algorithms it announces.
 */
export async function verifyInSet(jwks: JwksCache, set: TokenSet, req: VerifyRequest): Promise<Verification> {
  const jwksUri = lifecycleEndpoints(set).jwks
  const exchangeIds: string[] = []
  const keys = jwksUri !== undefined
    ? jwks.provider(jwksUri, { runId: set.runId, step: 'jwks' }, (exchange) => {
        remember(set, exchange)
        exchangeIds.push(exchange.id)
      })
    : undefined
  const expect: JwtExpectations = { kind: req.kind, clientId: set.profile.clientId }
  if (set.issuer !== undefined) expect.issuer = set.issuer
  const resource = set.profile.extraAuthorizeParams.resource ?? set.profile.extraTokenParams.resource
  if (resource !== undefined) expect.audience = resource
  if (set.nonce !== undefined) expect.nonce = set.nonce
  if (req.accessToken !== undefined) expect.accessToken = req.accessToken
  const { allowed, from } = allowedAlgorithms(set, req.kind)
  const result = await verifyJwt(req.value, expect, {
    allowedAlgs: allowed,
    allowedFrom: from,
    now: req.now,
    skewSeconds: req.skewSeconds,
    ...(keys && { keys }),
  })
  const failed = result.checks.some((c) => c.status === 'fail')
  const signed = result.checks.some((c) => c.check === 'signature' && c.status === 'pass')
  return {
    tokenKind: req.kind,
    verdict: failed ? 'invalid' : signed ? 'valid' : 'not-verifiable',
    checks: result.checks,
    exchangeIds,
    skewSeconds: req.skewSeconds,
    at: req.now,
    ...(result.alg !== undefined && { alg: result.alg }),
    ...(result.kid !== undefined && { kid: result.kid }),
    ...(jwksUri !== undefined && { jwksUri }),
  }
}

/**
 * The algorithm is pinned by the server, never by the token: ID tokens to what discovery
 * announces (RS256 when it announces nothing, OIDC Discovery §3); access tokens to the
 * asymmetric algorithms we know.
 */
function allowedAlgorithms(set: TokenSet, kind: 'id_token' | 'access_token'): { allowed: string[]; from: string } {
  const known = ASYMMETRIC_ALGS as readonly string[]
  if (kind === 'access_token') return { allowed: [...known], from: 'the asymmetric algorithms the tester accepts for access tokens' }
  const announced = (set.metadata?.idTokenSigningAlgs ?? []).filter((alg) => known.includes(alg))
  if (announced.length) return { allowed: announced, from: 'the server’s `id_token_signing_alg_values_supported`' }
  return { allowed: ['RS256'], from: 'the OpenID default (the server announces no list)' }
}
