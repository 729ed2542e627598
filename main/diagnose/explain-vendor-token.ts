import type { Cause, Diagnosis } from '../../shared/domain/diagnosis'
import type { TokenResponse } from '../oauth/token-response'
import type { DiagnosisCode } from './catalog'
import { explainTokenResponse, type TokenEvidence, type TokenRule } from './explain-token-response'
import { explainVendorStep, finish, type VendorEvidence } from './explain-vendor-step'
import { bodyParams } from './request-params'
import { TOKEN_RULES } from './token-rules'

/**
 * Step 4 of the vendor flow (the code exchange, JSON body, `x-client-key` + `x-secret-key`).
 * The standard explainer and its rules (PKCE, redirect URI, code age) do the OAuth part; the
 * rules below add what only this run can know about the vendor's keys and its codes.
 */
export function explainVendorToken(response: Exclude<TokenResponse, { kind: 'tokens' }>, ev: VendorEvidence, token: TokenEvidence): Diagnosis {
  const status = ev.exchange.response?.status
  if (status === 498 || status === 499) return explainVendorStep(ev)
  const diagnosis = explainTokenResponse(response, token, [...TOKEN_RULES, ...vendorTokenRules(ev)], ev.now)
  // Re-rank with the simulator hint appended last, as every vendor diagnosis does.
  return finish(ev, {
    code: diagnosis.code as DiagnosisCode,
    summary: diagnosis.summary,
    causes: diagnosis.causes.filter((c) => c.likelihood !== 'possible' || c.evidence.length > 0),
  })
}

const rejected = (r: TokenResponse, ...errors: string[]): boolean => r.kind === 'oauth-error' && errors.includes(r.error)

/**
 * Rules that compare this exchange with the run's earlier ones. (A code sent twice is the
 * standard `codeReuseRule`'s, which reads the vendor's JSON body too.)
 */
export function vendorTokenRules(ev: VendorEvidence): TokenRule[] {
  const req = ev.exchange.request
  const said = (r: TokenResponse) => ({ label: 'vendor answered', value: r.kind === 'oauth-error' ? `HTTP ${r.status} ${r.error}${r.description ? `: “${r.description}”` : ''}` : r.kind })

  /** invalid_client without an `x-secret-key`: the header the code grant needs was not sent. */
  const secretMissing: TokenRule = (r) => {
    if (!rejected(r, 'invalid_client') || req.headers['x-secret-key'] !== undefined) return undefined
    return {
      id: 'client.missing_headers',
      text: 'The token request carried no `x-secret-key`; the vendor wants both keys on the code exchange.',
      likelihood: 'confirmed',
      evidence: [{ label: 'headers sent', value: Object.keys(req.headers).join(', ') }, said(r)],
    }
  }

  /** invalid_client although the same `x-client-key` worked a step earlier: the secret is the suspect. */
  const secretWrong: TokenRule = (r): Cause | undefined => {
    if (!rejected(r, 'invalid_client') || req.headers['x-secret-key'] === undefined) return undefined
    const key = req.headers['x-client-key']
    const accepted = ev.earlier.find((x) => x.request.headers['x-client-key'] === key && (x.response?.status ?? 0) >= 200 && (x.response?.status ?? 0) < 300)
    if (!accepted) return undefined
    return {
      id: 'client.wrong_secret',
      text: `The vendor accepted the same \`x-client-key\` at ${accepted.step} in this run, so the key is right for this environment and region; the \`x-secret-key\` does not belong to it.`,
      likelihood: 'likely',
      evidence: [
        { label: 'x-client-key accepted at', value: `${accepted.step} (HTTP ${accepted.response?.status})` },
        { label: 'x-secret-key sent', value: 'yes (value hidden)' },
        said(r),
      ],
    }
  }

  /** invalid_request: which of the code grant's parameters the body lacked. */
  const missingParam: TokenRule = (r) => {
    if (!rejected(r, 'invalid_request')) return undefined
    const sent = bodyParams(req)
    const missing = ['grant_type', 'code', 'redirect_uri', 'code_verifier'].filter((name) => !sent[name])
    if (missing.length === 0) return undefined
    return {
      id: 'token.missing_param',
      text: `The token request did not carry ${missing.map((m) => `\`${m}\``).join(', ')}.`,
      likelihood: 'confirmed',
      evidence: [...missing.map((m) => ({ label: 'parameter missing', value: m })), said(r)],
    }
  }

  return [secretMissing, secretWrong, missingParam]
}
