import type { Cause, Diagnosis, Evidence } from '../../shared/domain/diagnosis'
import type { HttpExchange } from '../http/exchange'
import { redactBody } from '../http/redact'
import { isWellFormedBearer } from '../oauth/bearer'
import { snippet } from '../oauth/token-response'
import { buildDiagnosis } from './build'
import type { DiagnosisCode } from './catalog'
import { networkCode } from './explain-network'

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
}

const iso = (ms: number): string => new Date(ms).toISOString()

/**
 * Explains a failed call with a token ("401 after a successful exchange"): the request as sent
 * and the set's record of the token rank the causes; the server's `WWW-Authenticate` is quoted.
 */
export function explainResourceCall(ev: ResourceCallEvidence): Diagnosis {
  const ex = ev.exchange
  const base = { stepKind: ex.step, exchangeId: ex.id }
  if (ex.error || !ex.response) {
    const error = ex.error ?? { kind: 'network' as const, message: 'No response.' }
    return buildDiagnosis({ ...base, code: networkCode(error), summary: `The request to ${ev.target} failed: ${error.message}` }, ev.now)
  }
  const { status, headers, body } = ex.response
  const challenge = headers['www-authenticate']
  const reply = `HTTP ${status}${challenge ? ` (WWW-Authenticate: ${challenge})` : body ? `: “${snippet(redactBody(body, headers['content-type'], []))}”` : ''}`
  if (status === 401 || status === 498 || status === 499) {
    return buildDiagnosis(
      { ...base, code: 'api.unauthorized', summary: `${capital(ev.target)} answered ${reply} to ${ev.sentLabel}.`, causes: unauthorizedCauses(ev, status, challenge) },
      ev.now,
    )
  }
  const code: DiagnosisCode = status === 403 ? 'http.forbidden' : status === 404 ? 'http.not_found' : status >= 500 ? 'http.server_error' : 'api.failed'
  return buildDiagnosis({ ...base, code, summary: `${capital(ev.target)} answered ${reply}.` }, ev.now)
}

function unauthorizedCauses(ev: ResourceCallEvidence, status: number, challenge: string | undefined): Cause[] {
  const req = ev.exchange.request
  const causes: Cause[] = []
  const authorization = req.headers.authorization
  const sent: Evidence = { label: 'token sent', value: ev.sentLabel }
  if (ev.sentKind !== 'access_token') {
    causes.push({
      id: 'api.wrong_token_type',
      text: `The ${ev.sentKind === 'id_token' ? 'ID token' : 'refresh token'} was sent; APIs take the access token.`,
      likelihood: 'confirmed',
      evidence: [sent],
    })
  }
  if (!isWellFormedBearer(authorization)) {
    causes.push({
      id: 'api.bearer_format',
      text: 'The Authorization header is not exactly `Bearer <token>`.',
      likelihood: 'confirmed',
      evidence: [{ label: 'Authorization sent', value: authorization === undefined ? '(none)' : describeScheme(authorization) }],
    })
  }
  const hasClientKey = Object.keys(req.headers).some((h) => h.toLowerCase() === 'x-client-key')
  if ((ev.needsClientKey || status === 499) && !hasClientKey) {
    causes.push({
      id: 'api.missing_client_key',
      text: 'The request carried no `x-client-key` header.',
      likelihood: 'confirmed',
      evidence: [{ label: 'headers sent', value: Object.keys(req.headers).join(', ') }],
    })
  }
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

/** Shows the scheme and shape of an Authorization value, never the credential itself. */
function describeScheme(value: string): string {
  const scheme = /^\S+/.exec(value)?.[0] ?? ''
  const spaces = /^\S+(\s+)/.exec(value)?.[1]?.length ?? 0
  return `scheme "${scheme}", ${spaces} space(s) after it, ${value.length} characters`
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)
