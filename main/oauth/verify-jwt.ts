import { compactVerify, createLocalJWKSet } from 'jose'
import type { Check, DecodedToken } from '../../shared/domain/token-inspection'
import type { KeyProvider } from './jwks'
import { decodeToken } from './jwt-decode'
import { tokenHash } from './token-hash'

/**
 * Verifies an ID token (OIDC Core §3.1.3.7) or a JWT access token (RFC 9068) and says, line by
 * line, what passed, what failed and why. Every line is judged on its own, so one bad claim
 * fails exactly its own line. Time comes from the caller (the injected clock).
 */

/** Asymmetric algorithms we verify. `none` is never accepted; HMAC needs the client secret. */
export const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const

export interface JwtExpectations {
  kind: 'id_token' | 'access_token'
  issuer?: string
  clientId: string
  /** For access tokens: the resource (RFC 8707) the token must be for. */
  audience?: string
  /** The nonce this run sent in its authorization request. */
  nonce?: string
  /** The access token issued in the same response, for `at_hash`. */
  accessToken?: string
  /** The authorization code, for `c_hash` (the tester does not keep it after the exchange). */
  code?: string
}

export interface VerifyOptions {
  /** Algorithms the signature may use, e.g. the server's `id_token_signing_alg_values_supported`. */
  allowedAlgs: readonly string[]
  /** Where the list came from, in words, for the checklist. */
  allowedFrom: string
  keys?: KeyProvider
  now: number
  skewSeconds: number
}

export interface JwtVerification {
  decoded: DecodedToken
  checks: Check[]
  alg?: string
  kid?: string
}

const pass = (check: string, why: string): Check => ({ check, status: 'pass', why })
const fail = (check: string, why: string): Check => ({ check, status: 'fail', why })
const skip = (check: string, why: string): Check => ({ check, status: 'skip', why })

export async function verifyJwt(token: string, expect: JwtExpectations, opts: VerifyOptions): Promise<JwtVerification> {
  const decoded = decodeToken(token)
  if (decoded.format === 'opaque') {
    const why = expect.kind === 'id_token'
      ? `An ID token must be a signed JWT. ${decoded.reason}`
      : `${decoded.reason} Use introspection to ask the server about it.`
    return { decoded, checks: [expect.kind === 'id_token' ? fail('format', why) : skip('format', why)] }
  }
  if (decoded.format === 'encrypted') {
    return { decoded, checks: [skip('format', 'An encrypted token (JWE): the tester holds no decryption key, so nothing can be checked.')] }
  }
  const { header, claims } = decoded
  const alg = typeof header.alg === 'string' ? header.alg : undefined
  const kid = typeof header.kid === 'string' ? header.kid : undefined
  const nowSeconds = opts.now / 1000
  const algCheck = checkAlg(alg, opts)
  const checks: Check[] = [
    algCheck,
    await checkSignature(token, alg, kid, algCheck, opts),
    checkTyp(header.typ, expect.kind),
    checkIssuer(claims.iss, expect.issuer),
    checkAudience(claims.aud, expect),
    checkAuthorizedParty(claims, expect),
    checkExpiry(claims.exp, nowSeconds, opts.skewSeconds),
    checkNotBefore(claims.nbf, nowSeconds, opts.skewSeconds),
    checkIssuedAt(claims.iat, nowSeconds, opts.skewSeconds),
    checkNonce(claims.nonce, expect),
    checkHash('at_hash', claims.at_hash, alg, expect.kind, expect.accessToken, 'the access token issued with it'),
    checkHash('c_hash', claims.c_hash, alg, expect.kind, expect.code, 'the authorization code'),
  ]
  return { decoded, checks, ...(alg !== undefined && { alg }), ...(kid !== undefined && { kid }) }
}

function checkAlg(alg: string | undefined, opts: VerifyOptions): Check {
  if (alg === undefined) return fail('alg', 'The header names no algorithm (`alg`).')
  if (alg.toLowerCase() === 'none') return fail('alg', '`alg` is "none": the token is unsigned and must never be accepted.')
  if (/^HS\d+$/.test(alg)) {
    return skip('alg', `${alg} is an HMAC (shared-secret) signature; it is checked with the client secret, which the tester does not use for verification.`)
  }
  if (!opts.allowedAlgs.includes(alg)) {
    return fail('alg', `${alg} is not allowed: ${opts.allowedFrom} lists ${opts.allowedAlgs.join(', ') || 'none'}. A token may not choose its own algorithm.`)
  }
  return pass('alg', `${alg}, allowed by ${opts.allowedFrom}; the signature check is pinned to it.`)
}

async function checkSignature(token: string, alg: string | undefined, kid: string | undefined, algCheck: Check, opts: VerifyOptions): Promise<Check> {
  if (algCheck.status !== 'pass' || alg === undefined) return skip('signature', 'Not checked: the algorithm was not accepted (see `alg`).')
  if (!opts.keys) return skip('signature', 'Not checked: the server publishes no JWKS (`jwks_uri`) and the profile names none.')
  const keys = opts.keys
  const named = kid !== undefined ? `key "${kid}"` : 'the only matching key'
  let refetched = false
  for (;;) {
    const set = await keys.get(refetched)
    if (!set.ok) return fail('signature', `The key set at ${keys.uri} could not be read: ${set.reason}`)
    try {
      await compactVerify(token, createLocalJWKSet(set.jwks), { algorithms: [alg] })
      const rotation = refetched ? ' The key was not in the cached set, so the JWKS was fetched again (key rotation).' : ''
      return pass('signature', `Valid ${alg} signature by ${named} from ${keys.uri}.${rotation}`)
    } catch (error) {
      const code = (error as { code?: string }).code
      if (code === 'ERR_JWKS_NO_MATCHING_KEY' && !refetched) {
        // An unknown kid usually means the server rotated its keys: ask once more.
        refetched = true
        continue
      }
      return fail('signature', signatureFailure(code, named, keys.uri, refetched, error))
    }
  }
}

function signatureFailure(code: string | undefined, named: string, uri: string, refetched: boolean, error: unknown): string {
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return `The signature does not match ${named}: the token was changed after it was signed, or signed by someone else.`
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return `${uri} has no ${named}${refetched ? ', even after fetching it again' : ''}: the token was signed with a key this server does not publish (retired, or another server's).`
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return `Several keys in ${uri} match and the token names no \`kid\` to choose between them.`
    case 'ERR_JWS_INVALID':
      return `The token is not a well-formed JWS: ${(error as Error).message}`
    default:
      return `The signature could not be checked: ${(error as Error).message}`
  }
}

function checkTyp(typ: unknown, kind: JwtExpectations['kind']): Check {
  const value = typeof typ === 'string' ? typ.toLowerCase().replace(/^application\//, '') : undefined
  if (kind === 'access_token') {
    return value === 'at+jwt'
      ? pass('typ', '`at+jwt`: declared an OAuth access token (RFC 9068).')
      : skip('typ', `\`typ\` is ${value ?? 'absent'}: not declared an RFC 9068 access token, so it is checked as a plain JWT.`)
  }
  if (value !== undefined && value !== 'jwt') {
    return fail('typ', `\`typ\` is "${String(typ)}": this is another kind of token (e.g. an access token), not an ID token.`)
  }
  return pass('typ', `\`typ\` is ${value === undefined ? 'absent' : '"JWT"'}: not marked as another kind of token.`)
}

function checkIssuer(iss: unknown, expected: string | undefined): Check {
  if (expected === undefined) return skip('iss', 'The profile has no issuer to compare with.')
  if (typeof iss !== 'string') return fail('iss', 'The token has no `iss` claim.')
  if (iss === expected) return pass('iss', `"${iss}", the issuer this run talked to.`)
  return fail('iss', `"${iss}" is not the expected issuer "${expected}" (compared exactly).`)
}

function checkAudience(aud: unknown, expect: JwtExpectations): Check {
  const list = audiences(aud)
  const shown = list.length === 1 ? `"${list[0]}"` : JSON.stringify(list)
  if (expect.kind === 'access_token') {
    if (expect.audience === undefined) {
      return skip('aud', list.length ? `${shown}; the profile names no resource (\`resource\`, RFC 8707) to compare it with.` : 'No `aud` claim, and no resource to compare with.')
    }
    if (list.includes(expect.audience)) return pass('aud', `${shown} includes the resource "${expect.audience}".`)
    return fail('aud', list.length ? `${shown} does not include the resource "${expect.audience}".` : 'No `aud` claim.')
  }
  if (list.length === 0) return fail('aud', 'No `aud` claim: an ID token must name the client it was issued to.')
  if (list.includes(expect.clientId)) return pass('aud', `${shown} includes this client's id "${expect.clientId}".`)
  return fail('aud', `${shown} does not include this client's id "${expect.clientId}": the token was issued to another client.`)
}

function checkAuthorizedParty(claims: Record<string, unknown>, expect: JwtExpectations): Check {
  if (expect.kind === 'access_token') {
    const clientId = claims.client_id
    if (clientId === undefined) return skip('azp', 'No `client_id` claim.')
    return clientId === expect.clientId
      ? pass('azp', `\`client_id\` is this client, "${expect.clientId}".`)
      : fail('azp', `\`client_id\` is "${String(clientId)}", not this client ("${expect.clientId}").`)
  }
  const azp = claims.azp
  if (azp === undefined) {
    return audiences(claims.aud).length > 1
      ? fail('azp', 'Several audiences but no `azp`: the token does not say which client it was issued to.')
      : skip('azp', 'Not present; not needed with a single audience.')
  }
  return azp === expect.clientId
    ? pass('azp', `"${expect.clientId}", this client.`)
    : fail('azp', `"${String(azp)}" is not this client ("${expect.clientId}").`)
}

function checkExpiry(exp: unknown, now: number, skew: number): Check {
  if (typeof exp !== 'number') return fail('exp', 'No `exp` claim: the token never says when it stops being valid.')
  const at = iso(exp)
  if (now <= exp + skew) return pass('exp', `Valid until ${at} (${span(exp - now)} from now).`)
  return fail('exp', `Expired at ${at}, ${span(now - exp)} ago (allowed clock skew ${skew} s).`)
}

function checkNotBefore(nbf: unknown, now: number, skew: number): Check {
  if (nbf === undefined) return skip('nbf', 'Not present.')
  if (typeof nbf !== 'number') return fail('nbf', '`nbf` is not a number.')
  if (nbf - skew <= now) return pass('nbf', `Valid since ${iso(nbf)}.`)
  return fail('nbf', `Not valid before ${iso(nbf)}, ${span(nbf - now)} from now (allowed clock skew ${skew} s).`)
}

function checkIssuedAt(iat: unknown, now: number, skew: number): Check {
  if (typeof iat !== 'number') return fail('iat', 'No `iat` claim.')
  if (iat - skew > now) return fail('iat', `Issued in the future (${iso(iat)}, ${span(iat - now)} ahead): the server's clock or this machine's is wrong.`)
  return pass('iat', `Issued at ${iso(iat)}, ${span(now - iat)} ago.`)
}

function checkNonce(nonce: unknown, expect: JwtExpectations): Check {
  if (expect.kind === 'access_token') return skip('nonce', 'Only ID tokens carry the nonce.')
  if (expect.nonce === undefined) return skip('nonce', nonce === undefined ? 'This run sent no nonce.' : 'The token has a nonce, but this run sent none to compare with.')
  if (nonce === undefined) return fail('nonce', 'This run sent a nonce but the token has none: it may have been issued for another request.')
  if (nonce === expect.nonce) return pass('nonce', 'Matches the nonce this run sent.')
  return fail('nonce', `"${String(nonce)}" is not the nonce this run sent: the token belongs to another request (or is replayed).`)
}

function checkHash(check: 'at_hash' | 'c_hash', value: unknown, alg: string | undefined, kind: JwtExpectations['kind'], source: string | undefined, what: string): Check {
  if (kind === 'access_token') return skip(check, `Only ID tokens carry \`${check}\`.`)
  if (value === undefined) {
    return skip(check, check === 'at_hash' ? 'Not present (optional for an ID token from the token endpoint).' : 'Not present (only ID tokens from the authorization endpoint carry it).')
  }
  if (source === undefined) {
    return skip(check, check === 'c_hash' ? 'The tester does not keep the code after the exchange, so it cannot be compared.' : `No ${what} to compare with.`)
  }
  const expected = alg !== undefined ? tokenHash(source, alg) : undefined
  if (expected === undefined) return skip(check, `No hash is defined for alg ${alg ?? '(none)'}.`)
  return value === expected
    ? pass(check, `Matches ${what}.`)
    : fail(check, `"${String(value)}" does not match ${what} (expected "${expected}"): the two were not issued together.`)
}

const audiences = (aud: unknown): string[] =>
  Array.isArray(aud) ? aud.filter((a): a is string => typeof a === 'string') : typeof aud === 'string' ? [aud] : []

function iso(seconds: number): string {
  const date = new Date(seconds * 1000)
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString().replace('.000Z', 'Z')
}

/** "3 min 5 s", "2 h 4 min", "6 d 1 h". */
export function span(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`
  if (s < 86_400) return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`
  return `${Math.floor(s / 86_400)} d${Math.floor((s % 86_400) / 3600) ? ` ${Math.floor((s % 86_400) / 3600)} h` : ''}`
}
