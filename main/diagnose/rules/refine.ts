import type { Cause } from '../../../shared/domain/diagnosis'
import type { DiagnosisCode } from '../catalog'

/**
 * When the evidence proves a specific failure behind a generic server answer, the diagnosis is
 * named for that failure: an `invalid_grant` whose verifier does not hash to the challenge is
 * "PKCE validation failed". The server's own words stay in the summary.
 */
const REFINEMENTS: { prefix: string; code: DiagnosisCode; from: Cause['likelihood'][] }[] = [
  { prefix: 'code.reused', code: 'code.reused', from: ['confirmed'] },
  { prefix: 'pkce.', code: 'pkce.validation_failed', from: ['confirmed'] },
  { prefix: 'redirect_uri.', code: 'redirect_uri.mismatch', from: ['confirmed'] },
  { prefix: 'code.expired', code: 'code.expired', from: ['confirmed', 'likely'] },
  { prefix: 'session.', code: 'session.expired', from: ['confirmed'] },
  { prefix: 'client.wrong_environment', code: 'client.wrong_environment', from: ['confirmed'] },
  { prefix: 'client.wrong_region', code: 'client.wrong_environment', from: ['confirmed'] },
  { prefix: 'api.wrong_token_type', code: 'api.token_confusion', from: ['confirmed'] },
]

/** Generic answers a refinement may replace; a specific server error is never overridden. */
const GENERIC: readonly DiagnosisCode[] = [
  'token.invalid_grant',
  'token.invalid_request',
  'token.invalid_client',
  'token.other_error',
  'http.bad_request',
  'http.unauthorized',
  'http.invalid_client_key',
  'api.unauthorized',
  'api.invalid_token',
]

/**
 * A parameter the request left out is the server's `invalid_request` itself, named with the
 * missing parameter; it is not renamed after the family the parameter belongs to.
 */
const MISSING_PARAMETER = new Set(['redirect_uri.missing', 'pkce.verifier_missing'])

const matches = (id: string, prefix: string): boolean => (prefix.endsWith('.') ? id.startsWith(prefix) : id === prefix || id.startsWith(`${prefix}.`))

export function refineCode(code: DiagnosisCode, ranked: readonly Cause[]): DiagnosisCode {
  if (!GENERIC.includes(code)) return code
  const top = ranked[0]
  if (!top || (code === 'token.invalid_request' && MISSING_PARAMETER.has(top.id))) return code
  const refinement = REFINEMENTS.find((r) => matches(top.id, r.prefix) && r.from.includes(top.likelihood))
  return refinement?.code ?? code
}
