import type { Cause, Diagnosis } from '../../shared/domain/diagnosis'
import type { HttpExchange } from '../http/exchange'
import type { TokenResponse } from '../oauth/token-response'
import { buildDiagnosis } from './build'
import { CATALOG, type DiagnosisCode } from './catalog'
import { networkCode } from './explain-network'

/** What the run knew when it asked for tokens: the evidence the rules compare. */
export interface TokenEvidence {
  step: string
  /** The token request and its answer. */
  exchange: HttpExchange
  /** The authorization request the code came from, when there was one. */
  authorizeUrl?: string
  /** When the code arrived, and how long the profile says a code lives. */
  codeReceivedAt?: number
  codeLifetimeSeconds?: number
  now: number
}

/** A rule looks at the failure and the evidence and, when it recognises a cause, says so. */
export type TokenRule = (response: TokenResponse, evidence: TokenEvidence) => Cause | undefined

/** Explains a failed token-endpoint call. `rules` add causes backed by the run's evidence. */
export function explainTokenResponse(
  response: Exclude<TokenResponse, { kind: 'tokens' }>,
  evidence: TokenEvidence,
  rules: readonly TokenRule[],
  now: number,
): Diagnosis {
  const causes = rules.map((rule) => rule(response, evidence)).filter((c): c is Cause => c !== undefined)
  const base = { causes, stepKind: evidence.step, exchangeId: evidence.exchange.id }
  switch (response.kind) {
    case 'network':
      return buildDiagnosis(
        { ...base, code: networkCode(evidence.exchange.error ?? { kind: 'network', message: response.message }), summary: `The request to ${hostOf(evidence)} failed: ${response.message}` },
        now,
      )
    case 'not-json': {
      const status = response.status
      // A 401/403/404/5xx explains itself by its status; the body just was not JSON.
      const code: DiagnosisCode = [401, 403, 404].includes(status) || status >= 500 ? statusCode(status) : 'token.not_json'
      const location = evidence.exchange.response?.headers.location
      const isHtml = response.contentType.includes('html')
      const cause: Cause =
        status >= 300 && status < 400
          ? {
              id: 'endpoint.redirected',
              text: 'The endpoint redirected instead of answering: usually a web login page or the wrong URL (http → https, missing path).',
              likelihood: 'likely',
              evidence: [
                { label: 'status', value: String(status) },
                { label: 'redirected to', value: location ?? '(no Location header)' },
              ],
            }
          : {
              id: isHtml ? 'endpoint.proxy_page' : 'endpoint.wrong_url',
              text: isHtml
                ? 'An HTML page answered: a login page, a proxy or a gateway, not a token endpoint.'
                : 'The endpoint answered with something that is not JSON.',
              likelihood: 'likely',
              evidence: [
                { label: 'content-type', value: response.contentType || '(none)' },
                { label: 'URL', value: evidence.exchange.request.url },
              ],
            }
      return buildDiagnosis(
        {
          ...base,
          code,
          summary: `HTTP ${status} with ${response.contentType || 'no content type'} instead of JSON: “${response.snippet || '(empty body)'}”`,
          causes: [...causes, cause],
        },
        now,
      )
    }
    case 'malformed':
      return buildDiagnosis({ ...base, code: 'token.malformed', summary: `HTTP ${response.status}: ${response.reason}` }, now)
    case 'gateway-error':
      return buildDiagnosis({ ...base, code: statusCode(response.status), summary: `HTTP ${response.status}: “${response.message}”` }, now)
    case 'oauth-error': {
      const candidate = `token.${response.error}`
      const code: DiagnosisCode = candidate in CATALOG ? (candidate as DiagnosisCode) : 'token.other_error'
      const description = response.description ? `: “${response.description}”` : '.'
      return buildDiagnosis(
        { ...base, code, summary: `The token endpoint answered HTTP ${response.status} \`${response.error}\`${description}` },
        now,
      )
    }
  }
}

function statusCode(status: number): DiagnosisCode {
  if (status === 401) return 'http.unauthorized'
  if (status === 403) return 'http.forbidden'
  if (status === 404) return 'http.not_found'
  if (status >= 500) return 'http.server_error'
  return 'token.other_error'
}

const hostOf = (evidence: TokenEvidence): string => {
  try {
    return new URL(evidence.exchange.request.url).host
  } catch {
    return evidence.exchange.request.url
  }
}
