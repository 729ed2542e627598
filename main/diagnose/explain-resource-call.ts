import type { Cause, Diagnosis, Evidence } from '../../shared/domain/diagnosis'
import type { HttpExchange } from '../http/exchange'
import { redactBody } from '../http/redact'
import { snippet } from '../oauth/token-response'
import { buildDiagnosis, rankCauses } from './build'
import type { DiagnosisCode } from './catalog'
import { networkCode } from './explain-network'
import { bearerFormatCause } from './rules/bearer-format'
import { missingClientKeyCause } from './rules/client-key'
import { header, iso, type KnownToken } from './rules/evidence'
import { networkCause } from './rules/network'
import { refineCode } from './rules/refine'
import { tokenConfusionCause } from './rules/token-confusion'

/** What the set knew about the call it made with a token: the evidence the rules compare. */
export interface ResourceCallEvidence {
  exchange: HttpExchange
  now: number
  /** "the test API", "the userinfo endpoint". */
  target: string
  /** Which token was sent (a tester may send the ID token on purpose). */
  sentKind: 'access_token' | 'id_token' | 'refresh_token'
  sentLabel: string
  token: { status: string; statusAt?: number; expiresAt?: number }
  /** The profile's API needs `x-client-key` (the vendor's). */
  needsClientKey: boolean
  /** When this app revoked the refresh token of the grant the sent token belongs to. */
  grantRevokedAt?: number
  /** Every token the run holds (and the flow's step tokens), to recognise the one sent. */
  knownTokens?: readonly KnownToken[]
}

/** RFC 6750 §3.1 error codes, as catalog entries. */
const BEARER_ERRORS: Record<string, DiagnosisCode> = {
  invalid_request: 'api.invalid_request',
  invalid_token: 'api.invalid_token',
  insufficient_scope: 'api.insufficient_scope',
}

/**
 * Explains a failed call with a token ("401 after a successful exchange"): the request as sent
 * and the set's record of the token rank the causes; the server's `WWW-Authenticate` is quoted,
 * and its RFC 6750 error code names the diagnosis unless the evidence proves a token mix-up.
 */
export function explainResourceCall(ev: ResourceCallEvidence): Diagnosis {
  const ex = ev.exchange
  const base = { stepKind: ex.step, exchangeId: ex.id, restartFrom: 'api' }
  if (ex.error || !ex.response) {
    const error = ex.error ?? { kind: 'network' as const, message: 'No response.' }
    const network = networkCause(ex)
    return buildDiagnosis({ ...base, code: networkCode(error), summary: `The request to ${ev.target} failed: ${error.message}`, causes: network ? [network] : [] }, ev.now)
  }
  const { status, headers, body } = ex.response
  const challenge = headers['www-authenticate']
  const reply = `HTTP ${status}${challenge ? ` (WWW-Authenticate: ${challenge})` : body ? `: “${snippet(redactBody(body, headers['content-type'], []))}”` : ''}`
  const bearerError = challenge !== undefined ? /error="([^"]*)"/.exec(challenge)?.[1] : undefined
  const named = bearerError !== undefined ? BEARER_ERRORS[bearerError] : undefined
  if (status === 401 || status === 498 || status === 499 || (named !== undefined && status >= 400 && status < 500)) {
    const causes = rankCauses(unauthorizedCauses(ev, status, challenge))
    const byStatus: DiagnosisCode = status === 498 ? 'http.invalid_client_key' : status === 499 ? 'http.missing_client_key' : 'api.unauthorized'
    const code = refineCode(named ?? byStatus, causes)
    return buildDiagnosis({ ...base, code, summary: `${capital(ev.target)} answered ${reply} to ${ev.sentLabel}.`, causes }, ev.now)
  }
  const code: DiagnosisCode = status === 403 ? 'http.forbidden' : status === 404 ? 'http.not_found' : status >= 500 ? 'http.server_error' : 'api.failed'
  return buildDiagnosis({ ...base, code, summary: `${capital(ev.target)} answered ${reply}.` }, ev.now)
}

function unauthorizedCauses(ev: ResourceCallEvidence, status: number, challenge: string | undefined): Cause[] {
  const req = ev.exchange.request
  const causes: Cause[] = []
  const authorization = header(req.headers, 'authorization')
  const sent: Evidence = { label: 'token sent', value: ev.sentLabel }
  const sentValue = authorization !== undefined ? /^\s*\S+\s+(.*?)\s*$/.exec(authorization)?.[1] : undefined
  // The set knows which of its tokens it sent; otherwise the token is recognised by value or claims.
  const byValue = tokenConfusionCause(sentValue, ev.knownTokens ?? [])
  const confusion = byValue?.likelihood !== 'confirmed' && ev.sentKind !== 'access_token'
    ? { id: 'api.wrong_token_type', text: `The ${ev.sentKind === 'id_token' ? 'ID token' : 'refresh token'} was sent; APIs take the access token.`, likelihood: 'confirmed' as const, evidence: [sent] }
    : byValue
  if (confusion) causes.push(confusion)
  const bearer = bearerFormatCause(authorization)
  if (bearer) causes.push(bearer)
  const missingKey = missingClientKeyCause(req, ev.needsClientKey, status, 'api.missing_client_key')
  if (missingKey) causes.push(missingKey)
  if (ev.token.status !== 'revoked' && ev.grantRevokedAt !== undefined) {
    causes.push({
      id: 'api.token_revoked',
      text: 'This app revoked the refresh token of the same grant; servers usually end the grant’s access tokens with it (RFC 7009 §2.1).',
      likelihood: 'likely',
      evidence: [sent, { label: 'refresh token revoked at', value: iso(ev.grantRevokedAt) }],
    })
  }
  if (ev.token.status === 'revoked') {
    causes.push({ id: 'api.token_revoked', text: 'This app revoked the token earlier.', likelihood: 'confirmed', evidence: [sent, { label: 'revoked at', value: ev.token.statusAt !== undefined ? iso(ev.token.statusAt) : 'earlier' }] })
  } else if (ev.token.status === 'inactive') {
    causes.push({ id: 'api.token_revoked', text: 'Introspection said the token is no longer active (revoked, or its grant ended).', likelihood: 'likely', evidence: [sent] })
  }
  if (ev.token.expiresAt !== undefined && ev.now >= ev.token.expiresAt) {
    causes.push({ id: 'api.token_expired', text: 'The token is past its expiry time.', likelihood: 'confirmed', evidence: [sent, { label: 'expired at', value: iso(ev.token.expiresAt) }] })
  }
  if (challenge) {
    const error = /error="([^"]*)"/.exec(challenge)?.[1]
    const description = /error_description="([^"]*)"/.exec(challenge)?.[1]
    causes.push({
      id: 'server.reported',
      text: `The server says: ${error ?? 'unauthorized'}${description ? ` (“${description}”)` : ''}.`,
      likelihood: causes.length ? 'possible' : 'likely',
      evidence: [{ label: 'WWW-Authenticate', value: challenge }],
    })
  }
  return causes
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
