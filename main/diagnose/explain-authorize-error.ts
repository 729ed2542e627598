import type { Diagnosis } from '../../shared/domain/diagnosis'
import { buildDiagnosis } from './build'
import { CATALOG, type DiagnosisCode } from './catalog'

/** An `error=` redirect (RFC 6749 §4.1.2.1 / OIDC Core §3.1.2.6), explained. */
export function explainAuthorizeError(
  callback: { error: string; errorDescription?: string; errorUri?: string },
  now: number,
): Diagnosis {
  const interaction = ['login_required', 'consent_required', 'interaction_required', 'account_selection_required']
  const candidate = `authorize.${interaction.includes(callback.error) ? 'interaction_required' : callback.error}`
  const code: DiagnosisCode = candidate in CATALOG ? (candidate as DiagnosisCode) : 'authorize.other_error'
  const description = callback.errorDescription ? `: “${callback.errorDescription}”` : '.'
  const evidence = [{ label: 'error', value: callback.error }]
  if (callback.errorDescription) evidence.push({ label: 'error_description', value: callback.errorDescription })
  if (callback.errorUri) evidence.push({ label: 'error_uri', value: callback.errorUri })
  const causes = code === 'authorize.access_denied'
    ? [{ id: 'authorize.user_denied', text: 'The user clicked Deny or Cancel, or a policy refused access.', likelihood: 'likely' as const, evidence }]
    : [{ id: 'server.reported', text: `The server reported \`${callback.error}\`${description}`, likelihood: 'confirmed' as const, evidence }]
  return buildDiagnosis(
    { code, summary: `The authorization server redirected back with error \`${callback.error}\`${description}`, causes, stepKind: 'callback' },
    now,
  )
}
