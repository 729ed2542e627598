import type { Cause, Diagnosis } from '../../shared/domain/diagnosis'
import type { HttpExchange } from '../http/exchange'
import type { TokenResponse } from '../oauth/token-response'
import { buildDiagnosis, rankCauses } from './build'
import { CATALOG, type DiagnosisCode } from './catalog'
import { networkCode } from './explain-network'
import type { RunFacts } from './rules/evidence'
import { networkCause } from './rules/network'
import { nonJsonCause } from './rules/non-json'
import { refineCode } from './rules/refine'
import { serverSaysCause } from './rules/server-says'

/** What the run knew when it asked for tokens: the evidence the rules compare. */
export interface TokenEvidence extends RunFacts {
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

/**
 * Explains a failed token-endpoint call. `rules` add causes backed by the run's evidence;
 * when one proves a specific failure behind a generic answer, the diagnosis is named for it
 * (see `rules/refine.ts`). What an embedded server logged comes last, as its own word.
 */
export function explainTokenResponse(
  response: Exclude<TokenResponse, { kind: 'tokens' }>,
  evidence: TokenEvidence,
  rules: readonly TokenRule[],
  now: number,
): Diagnosis {
  const found = rules.map((rule) => rule(response, evidence)).filter((c): c is Cause => c !== undefined)
  const serverSays = serverSaysCause(evidence.serverLog)
  const withServer = (causes: Cause[]): Cause[] => (serverSays ? [...causes, serverSays] : causes)
  const base = { stepKind: evidence.step, exchangeId: evidence.exchange.id }
  switch (response.kind) {
    case 'network': {
      const network = networkCause(evidence.exchange)
      return buildDiagnosis(
        {
          ...base,
          code: networkCode(evidence.exchange.error ?? { kind: 'network', message: response.message }),
          summary: `The request to ${hostOf(evidence)} failed: ${response.message}`,
          causes: [...(network ? [network] : []), ...found],
        },
        now,
      )
    }
    case 'not-json': {
      const status = response.status
      // A 401/403/404/5xx explains itself by its status; the body just was not JSON.
      const code: DiagnosisCode = [401, 403, 404].includes(status) || status >= 500 ? statusCode(status) : 'token.not_json'
      const page = nonJsonCause(evidence.exchange, evidence.endpoints)
      return buildDiagnosis(
        {
          ...base,
          code,
          summary: `HTTP ${status} with ${response.contentType || 'no content type'} instead of JSON: “${response.snippet || '(empty body)'}”`,
          causes: withServer([...(page ? [page] : []), ...found]),
        },
        now,
      )
    }
    case 'malformed':
      return buildDiagnosis({ ...base, code: 'token.malformed', summary: `HTTP ${response.status}: ${response.reason}`, causes: withServer(found) }, now)
    case 'gateway-error': {
      const ranked = rankCauses(found)
      const code = refineCode(statusCode(response.status), ranked)
      return buildDiagnosis({ ...base, code, summary: `HTTP ${response.status}: “${response.message}”`, causes: withServer(ranked) }, now)
    }
    case 'oauth-error': {
      const candidate = `token.${response.error}`
      const said: DiagnosisCode = candidate in CATALOG ? (candidate as DiagnosisCode) : 'token.other_error'
      const ranked = rankCauses(found)
      const code = refineCode(said, ranked)
      const description = response.description ? `: “${response.description}”` : '.'
      return buildDiagnosis(
        { ...base, code, summary: `The token endpoint answered HTTP ${response.status} \`${response.error}\`${description}`, causes: withServer(ranked) },
        now,
      )
    }
  }
}

/** The catalog entry for an HTTP status that carried no OAuth error. */
export function statusCode(status: number): DiagnosisCode {
  if (status === 400) return 'http.bad_request'
  if (status === 401) return 'http.unauthorized'
  if (status === 403) return 'http.forbidden'
  if (status === 404) return 'http.not_found'
  if (status === 498) return 'http.invalid_client_key'
  if (status === 499) return 'http.missing_client_key'
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
