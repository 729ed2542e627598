import { createHash } from 'node:crypto'
import type { Cause } from '../../shared/domain/diagnosis'
import type { TokenRule } from './explain-token-response'
import { bodyParams, queryParams } from './request-params'

/**
 * Rules that recognise a cause of a failed code exchange from the run's own evidence.
 * Each compares what was actually sent; none trusts the server's wording alone.
 */

const rejected = (r: Parameters<TokenRule>[0]): boolean =>
  r.kind === 'oauth-error' && (r.error === 'invalid_grant' || r.error === 'invalid_request')

/** The verifier sent at the exchange does not hash to the challenge sent at the start. */
export const pkceMismatch: TokenRule = (response, ev) => {
  if (!rejected(response)) return undefined
  const challenge = queryParams(ev.authorizeUrl).code_challenge
  const verifier = bodyParams(ev.exchange.request).code_verifier
  if (challenge === undefined || verifier === undefined) return undefined
  const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url')
  if (computed === challenge) return undefined
  return {
    id: 'pkce.mismatch',
    text: 'The `code_verifier` sent now does not hash (S256) to the `code_challenge` sent at the start: the verifier was changed or regenerated between the two requests.',
    likelihood: 'confirmed',
    evidence: [
      { label: 'code_challenge sent at authorize', value: challenge },
      { label: 'S256 of the code_verifier sent now', value: computed },
    ],
  }
}

/** The token request's redirect_uri is not byte-for-byte the authorization request's. */
export const redirectUriMismatch: TokenRule = (response, ev) => {
  if (!rejected(response)) return undefined
  const atAuthorize = queryParams(ev.authorizeUrl).redirect_uri
  const atToken = bodyParams(ev.exchange.request).redirect_uri
  if (atAuthorize === undefined || atAuthorize === atToken) return undefined
  return {
    id: 'redirect_uri.mismatch',
    text: 'The `redirect_uri` of the token request differs from the one in the authorization request; servers compare them exactly.',
    likelihood: 'confirmed',
    evidence: [
      { label: 'redirect_uri at authorize', value: atAuthorize },
      { label: 'redirect_uri at token', value: atToken ?? '(missing)' },
    ],
  }
}

/** The code was older than its lifetime when it was sent. */
export const codeExpired: TokenRule = (response, ev): Cause | undefined => {
  if (!rejected(response) || ev.codeReceivedAt === undefined || ev.codeLifetimeSeconds === undefined) return undefined
  const ageSeconds = Math.round((ev.exchange.startedAt - ev.codeReceivedAt) / 1000)
  if (ageSeconds < ev.codeLifetimeSeconds) return undefined
  return {
    id: 'code.expired',
    text: `The code was ${ageSeconds} s old when it was sent; it lives ${ev.codeLifetimeSeconds} s.`,
    likelihood: 'likely',
    evidence: [
      { label: 'code age at exchange', value: `${ageSeconds} s` },
      { label: 'code lifetime', value: `${ev.codeLifetimeSeconds} s` },
    ],
  }
}

export const TOKEN_RULES: readonly TokenRule[] = [pkceMismatch, redirectUriMismatch, codeExpired]
