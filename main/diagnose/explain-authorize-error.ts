import type { Cause, Diagnosis } from '../../shared/domain/diagnosis'
import { buildDiagnosis } from './build'
import { CATALOG, type DiagnosisCode } from './catalog'
import { pkceAtAuthorize } from './rules/pkce'

/** What the run sent in its authorization request: the evidence the rules compare. */
export interface AuthorizeEvidence {
  authorizeUrl?: string
}

/**
 * An `error=` redirect (RFC 6749 §4.1.2.1 / OIDC Core §3.1.2.6), explained. With the
 * authorization request at hand, an `invalid_request` is checked for missing or badly
 * encoded PKCE first; the server's own words follow as reported.
 */
export function explainAuthorizeError(
  callback: { error: string; errorDescription?: string; errorUri?: string },
  now: number,
  evidence: AuthorizeEvidence = {},
): Diagnosis {
  const interaction = ['login_required', 'consent_required', 'interaction_required', 'account_selection_required']
  const candidate = `authorize.${interaction.includes(callback.error) ? 'interaction_required' : callback.error}`
  const code: DiagnosisCode = candidate in CATALOG ? (candidate as DiagnosisCode) : 'authorize.other_error'
  const description = callback.errorDescription ? `: “${callback.errorDescription}”` : '.'
  const said = [{ label: 'error', value: callback.error }]
  if (callback.errorDescription) said.push({ label: 'error_description', value: callback.errorDescription })
  if (callback.errorUri) said.push({ label: 'error_uri', value: callback.errorUri })
  const causes: Cause[] = []
  if (code === 'authorize.invalid_request') {
    const pkce = pkceAtAuthorize(evidence.authorizeUrl)
    if (pkce) causes.push(pkce)
  }
  if (code === 'authorize.access_denied') {
    causes.push({ id: 'authorize.user_denied', text: 'The user clicked Deny or Cancel, or a policy refused access.', likelihood: 'likely', evidence: said })
  } else {
    causes.push({ id: 'server.reported', text: `The server reported \`${callback.error}\`${description}`, likelihood: causes.length ? 'likely' : 'confirmed', evidence: said })
  }
  return buildDiagnosis(
    { code, summary: `The authorization server redirected back with error \`${callback.error}\`${description}`, causes, stepKind: 'callback' },
    now,
  )
}
