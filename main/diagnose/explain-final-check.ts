import type { Cause, Diagnosis } from '../../shared/domain/diagnosis'
import { TOKEN_PLACES, type VendorTokenKind } from '../../shared/domain/run-vendor'
import { maskToken } from '../../shared/mask'
import type { DiagnosisCode } from './catalog'
import { explainResourceCall } from './explain-resource-call'
import { explainVendorStep, finish, type VendorEvidence } from './explain-vendor-step'
import { readVendorReply, replyLine } from './vendor-reply'
import { bearerValue, identifyToken, lowerFirst } from './vendor-token-identity'

const CONFUSION_CAUSE: Partial<Record<VendorTokenKind, string>> = {
  'session-jwt': 'confusion.session_jwt_as_bearer',
  'login-token': 'confusion.login_token_as_bearer',
  'refresh-token': 'confusion.refresh_as_bearer',
}

/**
 * The final-token check failed: the test endpoint refused the call. A 401 is the guide's
 * “401 after a successful token exchange”: the run compares the Bearer it sent with every
 * token it received (token confusion), then the header's format, `x-client-key`, and the
 * token's life (the resource-call explainer). 498/499 are the gateway's key answers.
 */
export function explainFinalCheck(ev: VendorEvidence & { accessExpiresAt?: number; verificationState?: string }): Diagnosis {
  const ex = ev.exchange
  const status = ex.response?.status
  if (status === 498 || status === 499) return explainVendorStep(ev)
  const value = bearerValue(ex.request.headers.authorization)
  const kind = identifyToken(value, ev.tokens)
  if (status === 401 && value !== undefined && kind !== undefined && kind !== 'access-token') {
    const place = TOKEN_PLACES[kind]
    const cause: Cause = {
      id: CONFUSION_CAUSE[kind] ?? 'confusion.login_token_as_bearer',
      text: `The Bearer sent is the ${lowerFirst(place.label)}; it belongs in: ${place.belongsIn}. API calls take the final access token from step 4.`,
      likelihood: 'confirmed',
      evidence: [
        { label: 'Authorization sent', value: `Bearer ${maskToken(value)} = ${place.label}` },
        { label: 'belongs here', value: TOKEN_PLACES['access-token'].label },
        { label: 'vendor answered', value: replyLine(readVendorReply(ex)) },
      ],
    }
    return finish(ev, {
      code: 'vendor.token_confusion',
      summary: `The final-token check sent the ${lowerFirst(place.label)} as its Bearer, and the vendor answered ${replyLine(readVendorReply(ex))}. Only the final access token works on API calls.`,
      causes: [cause],
    })
  }
  const generic = explainResourceCall({
    exchange: ex,
    now: ev.now,
    target: 'the test endpoint',
    sentKind: 'access_token',
    sentLabel: kind === 'access-token' ? 'the final access token' : 'a token this run did not receive',
    token: { status: 'current', ...(ev.accessExpiresAt !== undefined && { expiresAt: ev.accessExpiresAt }) },
    needsClientKey: true,
  })
  const causes = generic.causes.filter((c) => c.evidence.length > 0)
  if (status === 401 && value !== undefined && kind === undefined) {
    causes.unshift({ id: 'api.wrong_token_type', text: 'The Bearer is none of the tokens this run received.', likelihood: 'likely', evidence: [{ label: 'Bearer sent', value: maskToken(value) }] })
  }
  if (status === 403 && ev.verificationState !== undefined && ev.verificationState !== 'VERIFIED') {
    causes.unshift({
      id: 'auth.account_state',
      text: `The token is accepted, but the account may not use this API: the login answer said verificationState ${ev.verificationState}.`,
      likelihood: 'likely',
      evidence: [{ label: 'verificationState (login answer)', value: ev.verificationState }, { label: 'vendor answered', value: replyLine(readVendorReply(ex)) }],
    })
  }
  return finish(ev, { code: generic.code as DiagnosisCode, summary: generic.summary, causes })
}
