import { createHash } from 'node:crypto'
import type { Cause, Evidence } from '../../../shared/domain/diagnosis'
import { challengeS256, isValidVerifier } from '../../oauth/pkce'
import type { TokenRule } from '../explain-token-response'
import { bodyParams, queryParams } from '../request-params'
import { cause } from './evidence'
import { firstDifference } from './text-diff'

/**
 * PKCE (RFC 7636): recompute S256 of what was sent and of what the run stored, and say which
 * of the known mistakes it is. The evidence is the two challenge strings, never a verifier.
 */
export function analysePkce(input: { challenge?: string; method?: string; sentVerifier?: string; storedVerifier?: string }): Cause | undefined {
  const { challenge, sentVerifier: sent, storedVerifier: stored } = input
  if (challenge === undefined) {
    if (sent === undefined) return undefined
    return cause('pkce.missing_at_authorize', 'The authorization request carried no `code_challenge`, yet a `code_verifier` was sent at the exchange: the server has nothing to check it against.', 'likely', [
      { label: 'code_challenge sent at authorize', value: '(none)' },
    ])
  }
  const atAuthorize: Evidence = { label: 'code_challenge sent at authorize', value: challenge }
  if (sent === undefined) {
    return cause('pkce.verifier_missing', 'The token request carried no `code_verifier`, but the authorization request sent a challenge.', 'confirmed', [atAuthorize, { label: 'code_verifier sent at the exchange', value: '(none)' }])
  }
  const computed = challengeS256(sent)
  if (computed === challenge) return undefined
  const evidence: Evidence[] = [atAuthorize, { label: 'S256 of the code_verifier sent', value: computed }]
  if (input.method !== undefined && input.method !== 'S256') evidence.push({ label: 'code_challenge_method', value: input.method })
  if (!isValidVerifier(sent)) evidence.push({ label: 'code_verifier sent', value: `${sent.length} characters${/^[A-Za-z0-9\-._~]*$/.test(sent) ? '' : ', with characters outside A–Z a–z 0–9 - . _ ~'} (RFC 7636 needs 43–128 of those)` })

  if (stored !== undefined && challenge === stored) {
    return cause('pkce.mismatch.plain', 'The challenge is the verifier itself (method `plain`), but the request said S256.', 'confirmed', evidence)
  }
  if (sent === challenge) {
    return cause('pkce.mismatch.challenge_as_verifier', 'The `code_challenge` itself was sent as the `code_verifier`: the verifier is the secret whose hash is the challenge.', 'confirmed', evidence)
  }
  const encoded = wrongEncoding(challenge, stored ?? sent)
  if (stored !== undefined) {
    const storedHash = challengeS256(stored)
    if (storedHash === challenge) {
      const withStored: Evidence[] = [...evidence.slice(0, 1), { label: 'S256 of the verifier stored at authorize', value: storedHash }, ...evidence.slice(1)]
      const diff = firstDifference(stored, sent, false)
      if (looksAltered(stored, sent)) {
        return cause(
          'pkce.mismatch.verifier_altered',
          'The verifier sent is a changed copy of the one stored at the start (cut, trimmed or re-encoded on its way to the exchange).',
          'confirmed',
          [...withStored, { label: 'verifier stored vs sent', value: `${stored.length} vs ${sent.length} characters; ${diff}` }],
        )
      }
      return cause(
        'pkce.mismatch.verifier_regenerated',
        'A different verifier was sent than the one generated for the authorization request: it was regenerated (or taken from another attempt) before the exchange.',
        'confirmed',
        [...withStored, { label: 'verifier stored vs sent', value: `entirely different values (${stored.length} and ${sent.length} characters)` }],
      )
    }
  }
  if (encoded) {
    return cause('pkce.mismatch.encoding', `The challenge was computed with ${encoded} instead of base64url without padding.`, 'confirmed', [
      ...evidence,
      { label: `${encoded} of SHA-256(verifier)`, value: challenge },
    ])
  }
  return cause('pkce.mismatch', 'The `code_verifier` sent does not hash (S256) to the `code_challenge` sent at the start.', 'confirmed', evidence)
}

/** Standard base64 or hex of the verifier's SHA-256: the two encodings people use by mistake. */
function wrongEncoding(challenge: string, verifier: string): string | undefined {
  const digest = createHash('sha256').update(verifier, 'ascii').digest()
  if (digest.toString('base64') === challenge || digest.toString('base64').replace(/=+$/, '') === challenge) return 'standard base64'
  if (digest.toString('hex') === challenge) return 'hex'
  return undefined
}

/** Same value give or take an edit at one end (a cut, a trim, an added character or two). */
function looksAltered(stored: string, sent: string): boolean {
  const a = stored.trim()
  const b = sent.trim()
  if (a === b) return true
  if (a.startsWith(b) || b.startsWith(a) || a.endsWith(b) || b.endsWith(a)) return true
  if (decodeURIComponentSafe(b) === a || encodeURIComponent(a) === b) return true
  return a.length === b.length && [...a].filter((c, i) => c !== b[i]).length <= 2
}

const decodeURIComponentSafe = (value: string): string => {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

const rejected = (r: Parameters<TokenRule>[0]): boolean =>
  (r.kind === 'oauth-error' && ['invalid_grant', 'invalid_request'].includes(r.error)) || (r.kind === 'gateway-error' && r.status === 400)

/** The token-endpoint rule: the verifier of this exchange against the challenge of its authorization request. */
export const pkceRule: TokenRule = (response, ev) => {
  if (!rejected(response)) return undefined
  if (ev.authorizeUrl === undefined) return undefined
  const query = queryParams(ev.authorizeUrl)
  const body = bodyParams(ev.exchange.request)
  if (body.grant_type !== undefined && body.grant_type !== 'authorization_code') return undefined
  return analysePkce({
    ...(query.code_challenge !== undefined && { challenge: query.code_challenge }),
    ...(query.code_challenge_method !== undefined && { method: query.code_challenge_method }),
    ...(body.code_verifier !== undefined && { sentVerifier: body.code_verifier }),
    ...(ev.storedVerifier !== undefined && { storedVerifier: ev.storedVerifier }),
  })
}

/** For an authorization-error redirect: was PKCE in the request at all, and well formed? */
export function pkceAtAuthorize(authorizeUrl: string | undefined): Cause | undefined {
  if (authorizeUrl === undefined) return undefined
  const q = queryParams(authorizeUrl)
  if (q.code_challenge === undefined) {
    return cause('authorize.missing_pkce', 'The authorization request carried no `code_challenge` (PKCE was left out), and this server requires it.', 'confirmed', [
      { label: 'code_challenge in the authorization request', value: '(absent)' },
      { label: 'code_challenge_method', value: q.code_challenge_method ?? '(absent)' },
    ])
  }
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(q.code_challenge)) {
    const bad = [...new Set(q.code_challenge.replace(/[A-Za-z0-9\-._~]/g, ''))].join(' ')
    return cause('authorize.pkce_encoding', 'The `code_challenge` is not base64url: it has characters (or a length) RFC 7636 does not allow.', 'confirmed', [
      { label: 'code_challenge sent', value: q.code_challenge },
      { label: 'problem', value: bad ? `characters not allowed: ${bad}` : `${q.code_challenge.length} characters (43–128 allowed)` },
    ])
  }
  return undefined
}
